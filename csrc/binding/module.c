/*
 * module.c -- byline._core, the CPython binding.  The only file in the
 * project that includes Python.h.  It converts arguments, releases the GIL
 * around the pure-C core, and hands tables out as bytes in column order; the
 * classes users see live in python/byline/.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "../core/byline.h"

/* Below this many bytes the GIL stays held: releasing costs more than it
 * saves (cf. CPython hashlib.h HASHLIB_GIL_MINSIZE). */
#define BL_GIL_MINSIZE 2048

/* ================================================================== */
/* Module state                                                        */
/* ================================================================== */
typedef struct {
  PyTypeObject *CDoc_Type;
  PyObject *FormatError; /* subclass of ValueError */
} bl_state;

static inline bl_state *S_state(PyObject *module) {
  return (bl_state *)PyModule_GetState(module);
}

/* Maps a bl_status to one exception, in one place. */
static PyObject *S_raise(bl_state *st, int rc, const char *what) {
  const char *msg = bl_strerror(rc);
  switch (rc) {
  case BL_ENOMEM:
    return PyErr_NoMemory();
  case BL_EFORMAT:
  case BL_EVERSION:
  case BL_ECHECKSUM:
  case BL_ETRUNCATED:
    PyErr_Format(st->FormatError, "%s: %s", what, msg);
    return NULL;
  case BL_EIO:
    PyErr_Format(PyExc_OSError, "%s: %s", what, msg);
    return NULL;
  default:
    PyErr_Format(PyExc_ValueError, "%s: %s", what, msg);
    return NULL;
  }
}

/* ================================================================== */
/* Text input                                                          */
/* ================================================================== */
/* A view of the caller's text as UTF-8.  `owner` keeps the memory alive
 * (the str itself, whose UTF-8 form CPython caches, or a bytes object made
 * with surrogatepass, or a buffer). */
typedef struct {
  const char *data;
  Py_ssize_t len;
  int trusted; /* 1: came from a str, so well-formed (generalised) UTF-8 */
  PyObject *owner;
  Py_buffer view;
  int has_view;
} S_text;

static void S_text_release(S_text *t) {
  if (t->has_view) PyBuffer_Release(&t->view);
  t->has_view = 0;
  Py_CLEAR(t->owner);
}

static int S_text_get(PyObject *obj, S_text *t) {
  memset(t, 0, sizeof(*t));
  if (PyUnicode_Check(obj)) {
    Py_ssize_t n = 0;
    const char *p = PyUnicode_AsUTF8AndSize(obj, &n);
    if (p) {
      t->data = p;
      t->len = n;
      t->trusted = 1;
      t->owner = Py_NewRef(obj);
      return 0;
    }
    /* Lone surrogates: encode them as 3-byte sequences so that every code
     * point still counts once and offsets match the str. */
    if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) return -1;
    PyErr_Clear();
    PyObject *b = PyUnicode_AsEncodedString(obj, "utf-8", "surrogatepass");
    if (!b) return -1;
    t->data = PyBytes_AS_STRING(b);
    t->len = PyBytes_GET_SIZE(b);
    t->trusted = 1;
    t->owner = b;
    return 0;
  }
  if (PyObject_CheckBuffer(obj)) {
    if (PyObject_GetBuffer(obj, &t->view, PyBUF_SIMPLE) < 0) return -1;
    t->has_view = 1;
    t->data = t->view.buf;
    t->len = t->view.len;
    t->trusted = 0;
    return 0;
  }
  PyErr_Format(PyExc_TypeError,
               "text must be str or bytes-like (UTF-8), not %.100s",
               Py_TYPE(obj)->tp_name);
  return -1;
}

/* ================================================================== */
/* CDoc: owns one bl_doc                                               */
/* ================================================================== */
typedef struct {
  PyObject_HEAD
  bl_doc *doc;
} CDoc;

static void CDoc_dealloc(PyObject *self) {
  PyTypeObject *tp = Py_TYPE(self);
  bl_doc_free(((CDoc *)self)->doc);
  tp->tp_free(self);
  Py_DECREF(tp);
}

/* table(id) -> bytes: n_rows * n_cols native int32 values, row major. */
static PyObject *CDoc_table(PyObject *self, PyObject *arg) {
  long id = PyLong_AsLong(arg);
  if (id == -1 && PyErr_Occurred()) return NULL;
  size_t n_cols = 0;
  if (id > INT_MAX || id < INT_MIN || !bl_table_columns((int)id, &n_cols)) {
    PyErr_Format(PyExc_ValueError, "unknown table id %ld", id);
    return NULL;
  }
  size_t n_rows = 0;
  const int32_t *rows = bl_doc_table(((CDoc *)self)->doc, (int)id, &n_rows);
  return PyBytes_FromStringAndSize((const char *)rows,
                                   (Py_ssize_t)(n_rows * n_cols * 4));
}

static PyObject *CDoc_length(PyObject *self, PyObject *Py_UNUSED(ignored)) {
  return PyLong_FromSize_t(bl_doc_length(((CDoc *)self)->doc));
}

static PyMethodDef CDoc_methods[] = {
    {"table", CDoc_table, METH_O,
     "table(id) -> bytes of int32 rows in the column order of table_columns(id)"},
    {"length", CDoc_length, METH_NOARGS, "number of code points analysed"},
    {NULL, NULL, 0, NULL}};

static PyType_Slot CDoc_slots[] = {
    {Py_tp_dealloc, CDoc_dealloc},
    {Py_tp_methods, CDoc_methods},
    {Py_tp_doc, "A document analysed by the C core (internal)."},
    {0, NULL}};

static PyType_Spec CDoc_spec = {
    .name = "byline._core.CDoc",
    .basicsize = sizeof(CDoc),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE |
             Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .slots = CDoc_slots};

/* ================================================================== */
/* Module functions                                                    */
/* ================================================================== */
/* analyze(text, kbs=(), model=None, stages=0) -> CDoc */
static PyObject *mod_analyze(PyObject *module, PyObject *args, PyObject *kw) {
  static char *kwlist[] = {"text", "kbs", "model", "stages", NULL};
  PyObject *text = NULL, *kbs = NULL, *model = Py_None;
  unsigned int stages = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kw, "O|OOI:analyze", kwlist, &text,
                                   &kbs, &model, &stages))
    return NULL;
  bl_state *st = S_state(module);
  bl_config cfg;
  memset(&cfg, 0, sizeof(cfg));
  cfg.stages = stages;
  (void)kbs;  /* wired up by the knowledge-base stage */
  (void)model;

  S_text t;
  if (S_text_get(text, &t) < 0) return NULL;
  if ((size_t)t.len > BL_MAX_TEXT_BYTES) {
    S_text_release(&t);
    PyErr_Format(PyExc_ValueError,
                 "text is %zd bytes of UTF-8; byline's limit is %zu bytes",
                 t.len, (size_t)BL_MAX_TEXT_BYTES);
    return NULL;
  }
  bl_doc *doc = NULL;
  size_t bad = 0;
  int rc;
  if (t.len >= BL_GIL_MINSIZE) {
    Py_BEGIN_ALLOW_THREADS
    rc = bl_analyze(&cfg, t.data, (size_t)t.len, t.trusted, &bad, &doc);
    Py_END_ALLOW_THREADS
  } else {
    rc = bl_analyze(&cfg, t.data, (size_t)t.len, t.trusted, &bad, &doc);
  }
  S_text_release(&t);
  if (rc == BL_EUTF8) {
    PyErr_Format(PyExc_ValueError,
                 "text is not valid UTF-8 (first bad byte at offset %zu)", bad);
    return NULL;
  }
  if (rc < 0) return S_raise(st, rc, "analyze");
  CDoc *self = PyObject_New(CDoc, st->CDoc_Type);
  if (!self) {
    bl_doc_free(doc);
    return NULL;
  }
  self->doc = doc;
  return (PyObject *)self;
}

static PyObject *mod_table_columns(PyObject *module, PyObject *arg) {
  (void)module;
  long id = PyLong_AsLong(arg);
  if (id == -1 && PyErr_Occurred()) return NULL;
  size_t n = 0;
  const char *const *cols =
      (id > INT_MAX || id < INT_MIN) ? NULL : bl_table_columns((int)id, &n);
  if (!cols) {
    PyErr_Format(PyExc_ValueError, "unknown table id %ld", id);
    return NULL;
  }
  PyObject *tup = PyTuple_New((Py_ssize_t)n);
  if (!tup) return NULL;
  for (size_t i = 0; i < n; i++) {
    PyObject *s = PyUnicode_InternFromString(cols[i]);
    if (!s) {
      Py_DECREF(tup);
      return NULL;
    }
    PyTuple_SET_ITEM(tup, (Py_ssize_t)i, s); /* steals s */
  }
  return tup;
}

static PyObject *mod_enum_names(PyObject *module, PyObject *arg) {
  (void)module;
  long id = PyLong_AsLong(arg);
  if (id == -1 && PyErr_Occurred()) return NULL;
  if (id <= BL_ENUM_NONE || id >= BL_ENUM_COUNT) {
    PyErr_Format(PyExc_ValueError, "unknown enumeration id %ld", id);
    return NULL;
  }
  PyObject *list = PyList_New(0);
  if (!list) return NULL;
  for (int v = 0;; v++) {
    const char *name = bl_enum_name((int)id, v);
    if (!name) break;
    PyObject *s = PyUnicode_FromString(name);
    if (!s || PyList_Append(list, s) < 0) {
      Py_XDECREF(s);
      Py_DECREF(list);
      return NULL;
    }
    Py_DECREF(s);
  }
  PyObject *tup = PyList_AsTuple(list);
  Py_DECREF(list);
  return tup;
}

static PyMethodDef mod_methods[] = {
    {"analyze", (PyCFunction)(void (*)(void))mod_analyze,
     METH_VARARGS | METH_KEYWORDS,
     "analyze(text, kbs=(), model=None, stages=0) -> CDoc"},
    {"table_columns", mod_table_columns, METH_O,
     "table_columns(id) -> tuple of column names"},
    {"enum_names", mod_enum_names, METH_O,
     "enum_names(id) -> tuple of names indexed by value"},
    {NULL, NULL, 0, NULL}};

/* ================================================================== */
/* Module init (multi-phase)                                           */
/* ================================================================== */
static int mod_exec(PyObject *m) {
  bl_state *st = S_state(m);
  st->CDoc_Type = (PyTypeObject *)PyType_FromModuleAndSpec(m, &CDoc_spec, NULL);
  if (!st->CDoc_Type) return -1;
  st->FormatError = PyErr_NewExceptionWithDoc(
      "byline._core.FormatError",
      "A knowledge-base or model file is not a byline file, is corrupt, "
      "truncated, or from another format version.",
      PyExc_ValueError, NULL);
  if (!st->FormatError) return -1;
  if (PyModule_AddObjectRef(m, "FormatError", st->FormatError) < 0) return -1;
  if (PyModule_AddObjectRef(m, "CDoc", (PyObject *)st->CDoc_Type) < 0)
    return -1;
  if (PyModule_AddStringConstant(m, "VERSION", BL_VERSION_STRING) < 0)
    return -1;
  if (PyModule_AddObject(m, "MAX_TEXT_BYTES",
                         PyLong_FromSize_t(BL_MAX_TEXT_BYTES)) < 0)
    return -1;
#define ADD_INT(name, v) \
  if (PyModule_AddIntConstant(m, name, v) < 0) return -1;
  ADD_INT("TABLE_TOKENS", BL_TABLE_TOKENS)
  ADD_INT("TABLE_SENTENCES", BL_TABLE_SENTENCES)
  ADD_INT("TABLE_PARAGRAPHS", BL_TABLE_PARAGRAPHS)
  ADD_INT("TABLE_MENTIONS", BL_TABLE_MENTIONS)
  ADD_INT("TABLE_ENTITIES", BL_TABLE_ENTITIES)
  ADD_INT("TABLE_QUOTES", BL_TABLE_QUOTES)
  ADD_INT("TABLE_RELATIONS", BL_TABLE_RELATIONS)
  ADD_INT("ENUM_LABEL", BL_ENUM_LABEL)
  ADD_INT("ENUM_TOKEN_KIND", BL_ENUM_TOKEN_KIND)
  ADD_INT("ENUM_QUOTE_KIND", BL_ENUM_QUOTE_KIND)
  ADD_INT("ENUM_GENDER", BL_ENUM_GENDER)
  ADD_INT("ENUM_SOURCE", BL_ENUM_SOURCE)
  ADD_INT("ENUM_UPOS", BL_ENUM_UPOS)
  ADD_INT("ENUM_NER", BL_ENUM_NER)
  ADD_INT("ENUM_REL_KIND", BL_ENUM_REL_KIND)
  ADD_INT("ENUM_CUE", BL_ENUM_CUE)
  ADD_INT("ENUM_MODALITY", BL_ENUM_MODALITY)
  ADD_INT("STAGE_TOKENS", BL_STAGE_TOKENS)
  ADD_INT("STAGE_SENTENCES", BL_STAGE_SENTENCES)
  ADD_INT("STAGE_TAGS", BL_STAGE_TAGS)
  ADD_INT("STAGE_ENTITIES", BL_STAGE_ENTITIES)
  ADD_INT("STAGE_QUOTES", BL_STAGE_QUOTES)
  ADD_INT("STAGE_RELATIONS", BL_STAGE_RELATIONS)
  ADD_INT("STAGE_ALL", BL_STAGE_ALL)
#undef ADD_INT
  return 0;
}

static int mod_traverse(PyObject *m, visitproc visit, void *arg) {
  bl_state *st = S_state(m);
  Py_VISIT(st->CDoc_Type);
  Py_VISIT(st->FormatError);
  return 0;
}

static int mod_clear(PyObject *m) {
  bl_state *st = S_state(m);
  Py_CLEAR(st->CDoc_Type);
  Py_CLEAR(st->FormatError);
  return 0;
}

static void mod_free(void *m) { mod_clear((PyObject *)m); }

static PyModuleDef_Slot mod_slots[] = {
    {Py_mod_exec, mod_exec},
#if PY_VERSION_HEX >= 0x030C0000
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#if PY_VERSION_HEX >= 0x030D0000
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}};

static struct PyModuleDef mod_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = "byline._core",
    .m_doc = "byline's C core (internal; use the byline package).",
    .m_size = sizeof(bl_state),
    .m_methods = mod_methods,
    .m_slots = mod_slots,
    .m_traverse = mod_traverse,
    .m_clear = mod_clear,
    .m_free = mod_free};

PyMODINIT_FUNC PyInit__core(void) { return PyModuleDef_Init(&mod_def); }
