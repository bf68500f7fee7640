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
  PyTypeObject *CTable_Type;
  PyTypeObject *CKB_Type; /* kb section */
  PyTypeObject *Model_Type; /* Model section */
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

/* "O&" converter for bit-set arguments (stages, options): an int in
 * [0, 2**32), never silently truncated as the "I" format would. */
static int S_bits_conv(PyObject *o, void *out) {
  if (!PyLong_Check(o)) {
    PyErr_Format(PyExc_TypeError, "expected an int bit set, not %.100s",
                 Py_TYPE(o)->tp_name);
    return 0;
  }
  int overflow = 0;
  long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
  if (v == -1 && PyErr_Occurred()) return 0;
  if (overflow || v < 0 || v > 0xFFFFFFFFLL) {
    PyErr_SetString(PyExc_ValueError,
                    "bit set out of range (expected 0 <= value < 2**32)");
    return 0;
  }
  *(unsigned int *)out = (unsigned int)v;
  return 1;
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

/* ================================================================== */
/* CTable: a zero-copy buffer over one table of a CDoc                 */
/* ================================================================== */
/* Exports n_rows * n_cols int32 values as a read-only, 1-D buffer of
 * format "i"; holds a strong reference to its CDoc so the rows stay valid
 * as long as any memoryview of them lives. */
typedef struct {
  PyObject_HEAD
  PyObject *cdoc; /* strong */
  const int32_t *rows;
  Py_ssize_t n;   /* number of int32 items */
  Py_ssize_t itemsize;
} CTable;

static int CTable_traverse(PyObject *self, visitproc visit, void *arg) {
  Py_VISIT(((CTable *)self)->cdoc);
  Py_VISIT(Py_TYPE(self));
  return 0;
}

static int CTable_clear(PyObject *self) {
  Py_CLEAR(((CTable *)self)->cdoc);
  return 0;
}

static void CTable_dealloc(PyObject *self) {
  PyTypeObject *tp = Py_TYPE(self);
  PyObject_GC_UnTrack(self);
  CTable_clear(self);
  tp->tp_free(self);
  Py_DECREF(tp);
}

static int CTable_getbuffer(PyObject *self, Py_buffer *view, int flags) {
  CTable *t = (CTable *)self;
  if (flags & PyBUF_WRITABLE) {
    PyErr_SetString(PyExc_BufferError, "byline tables are read-only");
    view->obj = NULL;
    return -1;
  }
  static const int32_t empty[1] = {0};
  view->buf = (void *)(t->rows ? t->rows : empty);
  view->obj = Py_NewRef(self);
  view->len = t->n * 4;
  view->readonly = 1;
  view->itemsize = 4;
  view->format = (flags & PyBUF_FORMAT) ? "i" : NULL;
  view->ndim = 1;
  view->shape = (flags & PyBUF_ND) ? &t->n : NULL;
  view->strides = (flags & PyBUF_STRIDES) ? &t->itemsize : NULL;
  view->suboffsets = NULL;
  view->internal = NULL;
  return 0;
}

static PyType_Slot CTable_slots[] = {
    {Py_tp_dealloc, CTable_dealloc},
    {Py_tp_traverse, CTable_traverse},
    {Py_tp_clear, CTable_clear},
    {Py_bf_getbuffer, CTable_getbuffer},
    {Py_tp_doc, "Read-only int32 buffer over one table of a CDoc (internal)."},
    {0, NULL}};

static PyType_Spec CTable_spec = {
    .name = "byline._core.CTable",
    .basicsize = sizeof(CTable),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE |
             Py_TPFLAGS_DISALLOW_INSTANTIATION | Py_TPFLAGS_HAVE_GC,
    .slots = CTable_slots};

/* table_view(id) -> memoryview (format "i", 1-D, read-only), no copy. */
static PyObject *CDoc_table_view(PyObject *self, PyObject *arg) {
  long id = PyLong_AsLong(arg);
  if (id == -1 && PyErr_Occurred()) return NULL;
  size_t n_cols = 0;
  if (id > INT_MAX || id < INT_MIN || !bl_table_columns((int)id, &n_cols)) {
    PyErr_Format(PyExc_ValueError, "unknown table id %ld", id);
    return NULL;
  }
  bl_state *st = PyType_GetModuleState(Py_TYPE(self));
  if (!st) return NULL;
  size_t n_rows = 0;
  const int32_t *rows = bl_doc_table(((CDoc *)self)->doc, (int)id, &n_rows);
  CTable *t = PyObject_GC_New(CTable, st->CTable_Type);
  if (!t) return NULL;
  t->cdoc = Py_NewRef(self);
  t->rows = rows;
  t->n = (Py_ssize_t)(n_rows * n_cols);
  t->itemsize = 4;
  PyObject_GC_Track((PyObject *)t);
  PyObject *mv = PyMemoryView_FromObject((PyObject *)t);
  Py_DECREF(t);
  return mv;
}

/* Decodes a normalised form; the core may carry a lone surrogate through
 * (surrogatepass input), so fall back to "replace" rather than fail. */
static PyObject *S_decode_norm(const char *p, size_t n) {
  PyObject *s = PyUnicode_DecodeUTF8(p, (Py_ssize_t)n, "surrogatepass");
  if (!s && PyErr_ExceptionMatches(PyExc_UnicodeDecodeError)) {
    PyErr_Clear();
    s = PyUnicode_DecodeUTF8(p, (Py_ssize_t)n, "replace");
  }
  return s;
}

/* norm(i) -> str: the normalised form of token i. */
static PyObject *CDoc_norm(PyObject *self, PyObject *arg) {
  Py_ssize_t i = PyNumber_AsSsize_t(arg, PyExc_IndexError);
  if (i == -1 && PyErr_Occurred()) return NULL;
  size_t n_tok = 0;
  bl_doc_table(((CDoc *)self)->doc, BL_TABLE_TOKENS, &n_tok);
  if (i < 0 || (size_t)i >= n_tok) {
    PyErr_SetString(PyExc_IndexError, "token index out of range");
    return NULL;
  }
  size_t n = 0;
  const char *p = bl_doc_token_norm(((CDoc *)self)->doc, (size_t)i, &n);
  return S_decode_norm(p ? p : "", n);
}

/* norms() -> list[str]: the normalised form of every token, in order. */
static PyObject *CDoc_norms(PyObject *self, PyObject *Py_UNUSED(ignored)) {
  size_t n_tok = 0;
  bl_doc *doc = ((CDoc *)self)->doc;
  bl_doc_table(doc, BL_TABLE_TOKENS, &n_tok);
  PyObject *list = PyList_New((Py_ssize_t)n_tok);
  if (!list) return NULL;
  for (size_t i = 0; i < n_tok; i++) {
    size_t n = 0;
    const char *p = bl_doc_token_norm(doc, i, &n);
    PyObject *s = S_decode_norm(p ? p : "", n);
    if (!s) {
      Py_DECREF(list);
      return NULL;
    }
    PyList_SET_ITEM(list, (Py_ssize_t)i, s); /* steals s */
  }
  return list;
}

static PyObject *CDoc_length(PyObject *self, PyObject *Py_UNUSED(ignored)) {
  return PyLong_FromSize_t(bl_doc_length(((CDoc *)self)->doc));
}

static PyMethodDef CDoc_methods[] = {
    {"table", CDoc_table, METH_O,
     "table(id) -> bytes of int32 rows in the column order of table_columns(id)"},
    {"table_view", CDoc_table_view, METH_O,
     "table_view(id) -> read-only memoryview (format 'i') of the rows, no copy"},
    {"norm", CDoc_norm, METH_O, "norm(i) -> normalised form of token i"},
    {"norms", CDoc_norms, METH_NOARGS,
     "norms() -> list of the normalised form of every token"},
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
/* Knowledge base (owner: kb stage)                                    */
/* ================================================================== */
/* KB: one immutable bl_kb (mmap'ed file or in-memory image).  Created by
 * kb_load(path) / kb_from_bytes(data); compiled by kb_build(records).  The
 * Python class byline.KB wraps it. */
typedef struct {
  PyObject_HEAD
  bl_kb *kb;
  PyObject *owner; /* bytes object backing the image, or NULL */
  PyObject *path;  /* str or None */
} CKB;

static void CKB_dealloc(PyObject *self) {
  PyTypeObject *tp = Py_TYPE(self);
  CKB *k = (CKB *)self;
  PyObject_GC_UnTrack(self);
  bl_kb_free(k->kb);
  k->kb = NULL;
  Py_CLEAR(k->owner);
  Py_CLEAR(k->path);
  tp->tp_free(self);
  Py_DECREF(tp);
}

static int CKB_traverse(PyObject *self, visitproc visit, void *arg) {
  Py_VISIT(Py_TYPE(self));
  Py_VISIT(((CKB *)self)->owner);
  Py_VISIT(((CKB *)self)->path);
  return 0;
}

static int CKB_clear(PyObject *self) {
  Py_CLEAR(((CKB *)self)->owner);
  Py_CLEAR(((CKB *)self)->path);
  return 0;
}

static Py_ssize_t CKB_len(PyObject *self) {
  return (Py_ssize_t)bl_kb_n_entries(((CKB *)self)->kb);
}

static PyObject *S_str_or_none(const char *s) {
  if (!s || !*s) Py_RETURN_NONE;
  return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "surrogatepass");
}

static int S_entry_index(PyObject *self, PyObject *arg, size_t *out) {
  Py_ssize_t i = PyNumber_AsSsize_t(arg, PyExc_IndexError);
  if (i == -1 && PyErr_Occurred()) return -1;
  Py_ssize_t n = CKB_len(self);
  if (i < 0) i += n;
  if (i < 0 || i >= n) {
    PyErr_Format(PyExc_IndexError, "KB entry index out of range (%zd entries)",
                 n);
    return -1;
  }
  *out = (size_t)i;
  return 0;
}

/* Adds key -> value to d, stealing value.  Returns -1 on error. */
static int S_dset(PyObject *d, const char *key, PyObject *value) {
  if (!value) return -1;
  int rc = PyDict_SetItemString(d, key, value);
  Py_DECREF(value);
  return rc;
}

static PyObject *S_enum_str(const char *s) {
  return PyUnicode_FromString(s ? s : "");
}

/* entry(i) -> dict */
static PyObject *CKB_entry(PyObject *self, PyObject *arg) {
  size_t i;
  if (S_entry_index(self, arg, &i) < 0) return NULL;
  const bl_kb *kb = ((CKB *)self)->kb;
  bl_kb_entry e;
  if (bl_kb_entry_get(kb, i, &e) < 0) return PyErr_Format(PyExc_IndexError, "bad entry");
  PyObject *d = PyDict_New();
  if (!d) return NULL;
  PyObject *aliases = PyList_New((Py_ssize_t)e.n_aliases);
  if (!aliases) goto fail;
  for (uint32_t k = 0; k < e.n_aliases; k++) {
    const char *t = NULL;
    uint32_t fl = 0;
    bl_kb_alias_get(kb, e.alias_start + k, &t, &fl, NULL);
    PyObject *s = PyUnicode_DecodeUTF8(t, (Py_ssize_t)strlen(t), "surrogatepass");
    if (!s) {
      Py_DECREF(aliases);
      goto fail;
    }
    PyList_SET_ITEM(aliases, k, s); /* steals s */
  }
  if (S_dset(d, "index", PyLong_FromSize_t(i)) < 0 ||
      S_dset(d, "kb_id", S_str_or_none(e.kb_id)) < 0 ||
      S_dset(d, "name", S_str_or_none(e.name)) < 0 ||
      S_dset(d, "label", S_enum_str(bl_enum_name(BL_ENUM_LABEL, e.label))) < 0 ||
      S_dset(d, "kind", S_enum_str(bl_kb_kind_name(e.kind))) < 0 ||
      S_dset(d, "gender", S_enum_str(bl_enum_name(BL_ENUM_GENDER, e.gender))) < 0 ||
      S_dset(d, "role", S_enum_str(bl_kb_role_name(e.role))) < 0 ||
      S_dset(d, "prominence", PyLong_FromUnsignedLong(e.prominence)) < 0 ||
      S_dset(d, "flags", PyLong_FromUnsignedLong(e.flags)) < 0 ||
      S_dset(d, "country", S_str_or_none(e.country_id)) < 0 ||
      S_dset(d, "parent", S_str_or_none(e.parent_id)) < 0 ||
      S_dset(d, "country_index", PyLong_FromLong(e.country)) < 0 ||
      S_dset(d, "parent_index", PyLong_FromLong(e.parent)) < 0 ||
      S_dset(d, "office", S_str_or_none(e.office)) < 0 ||
      S_dset(d, "attrs", S_str_or_none(e.attrs)) < 0 ||
      S_dset(d, "aliases", aliases) < 0)
    goto fail;
  return d;
fail:
  Py_DECREF(d);
  return NULL;
}

static PyObject *CKB_entry_id(PyObject *self, PyObject *arg) {
  size_t i;
  if (S_entry_index(self, arg, &i) < 0) return NULL;
  bl_kb_entry e;
  bl_kb_entry_get(((CKB *)self)->kb, i, &e);
  return S_str_or_none(e.kb_id);
}

static PyObject *CKB_entry_name(PyObject *self, PyObject *arg) {
  size_t i;
  if (S_entry_index(self, arg, &i) < 0) return NULL;
  bl_kb_entry e;
  bl_kb_entry_get(((CKB *)self)->kb, i, &e);
  return S_str_or_none(e.name);
}

/* alias(a) -> (text, flags, entry) */
static PyObject *CKB_alias(PyObject *self, PyObject *arg) {
  Py_ssize_t a = PyNumber_AsSsize_t(arg, PyExc_IndexError);
  if (a == -1 && PyErr_Occurred()) return NULL;
  const char *t = NULL;
  uint32_t fl = 0;
  int32_t ent = -1;
  if (a < 0 || bl_kb_alias_get(((CKB *)self)->kb, (size_t)a, &t, &fl, &ent) < 0)
    return PyErr_Format(PyExc_IndexError, "KB alias index out of range");
  return Py_BuildValue("(s#kl)", t, (Py_ssize_t)strlen(t), (unsigned long)fl,
                       (long)ent);
}

/* find(kb_id) -> entry index or -1 */
static PyObject *CKB_find(PyObject *self, PyObject *arg) {
  if (!PyUnicode_Check(arg))
    return PyErr_Format(PyExc_TypeError, "kb_id must be str, not %.100s",
                        Py_TYPE(arg)->tp_name);
  const char *s = PyUnicode_AsUTF8(arg);
  if (!s) return NULL;
  return PyLong_FromLong(bl_kb_find(((CKB *)self)->kb, s));
}

/* lookup(text) -> list of alias indices whose tokens equal text's */
static PyObject *CKB_lookup(PyObject *self, PyObject *arg) {
  bl_state *st = S_state(PyType_GetModule(Py_TYPE(self)));
  S_text t;
  if (S_text_get(arg, &t) < 0) return NULL;
  int32_t buf[64];
  int32_t *out = buf;
  int n = bl_kb_lookup(((CKB *)self)->kb, t.data, (size_t)t.len, buf, 64);
  if (n > 64) {
    out = PyMem_Malloc((size_t)n * sizeof(int32_t));
    if (!out) {
      S_text_release(&t);
      return PyErr_NoMemory();
    }
    n = bl_kb_lookup(((CKB *)self)->kb, t.data, (size_t)t.len, out, (size_t)n);
  }
  S_text_release(&t);
  PyObject *list = NULL;
  if (n == BL_EUTF8) {
    PyErr_SetString(PyExc_ValueError, "lookup: text is not valid UTF-8");
  } else if (n < 0) {
    S_raise(st, n, "lookup");
  } else if ((list = PyList_New(n))) {
    for (int k = 0; k < n; k++) {
      PyObject *v = PyLong_FromLong(out[k]);
      if (!v) {
        Py_CLEAR(list);
        break;
      }
      PyList_SET_ITEM(list, k, v);
    }
  }
  if (out != buf) PyMem_Free(out);
  return list;
}

/* image() -> bytes of the compiled file */
static PyObject *CKB_image(PyObject *self, PyObject *Py_UNUSED(ignored)) {
  size_t len = 0;
  const void *p = bl_kb_image(((CKB *)self)->kb, &len);
  return PyBytes_FromStringAndSize(p, (Py_ssize_t)len);
}

static PyObject *CKB_get_n_aliases(PyObject *self, void *Py_UNUSED(c)) {
  return PyLong_FromSize_t(bl_kb_n_aliases(((CKB *)self)->kb));
}
static PyObject *CKB_get_nbytes(PyObject *self, void *Py_UNUSED(c)) {
  size_t len = 0;
  bl_kb_image(((CKB *)self)->kb, &len);
  return PyLong_FromSize_t(len);
}
static PyObject *CKB_get_path(PyObject *self, void *Py_UNUSED(c)) {
  PyObject *p = ((CKB *)self)->path;
  return Py_NewRef(p ? p : Py_None);
}

static PyGetSetDef CKB_getset[] = {
    {"n_aliases", CKB_get_n_aliases, NULL, "number of aliases", NULL},
    {"nbytes", CKB_get_nbytes, NULL, "size of the compiled image", NULL},
    {"path", CKB_get_path, NULL, "file it was loaded from, or None", NULL},
    {NULL, NULL, NULL, NULL, NULL}};

static PyMethodDef CKB_methods[] = {
    {"entry", CKB_entry, METH_O, "entry(i) -> dict"},
    {"entry_id", CKB_entry_id, METH_O, "entry_id(i) -> kb_id"},
    {"entry_name", CKB_entry_name, METH_O, "entry_name(i) -> name"},
    {"alias", CKB_alias, METH_O, "alias(a) -> (text, flags, entry)"},
    {"find", CKB_find, METH_O, "find(kb_id) -> entry index or -1"},
    {"lookup", CKB_lookup, METH_O,
     "lookup(text) -> alias indices whose tokens equal text's"},
    {"image", CKB_image, METH_NOARGS, "image() -> bytes of the compiled file"},
    {NULL, NULL, 0, NULL}};

static PyType_Slot CKB_slots[] = {
    {Py_tp_dealloc, CKB_dealloc},
    {Py_tp_traverse, CKB_traverse},
    {Py_tp_clear, CKB_clear},
    {Py_tp_methods, CKB_methods},
    {Py_tp_getset, CKB_getset},
    {Py_sq_length, CKB_len},
    {Py_tp_doc, "A compiled, immutable knowledge base (internal; use byline.KB)."},
    {0, NULL}};

static PyType_Spec CKB_spec = {
    .name = "byline._core.KB",
    .basicsize = sizeof(CKB),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE |
             Py_TPFLAGS_DISALLOW_INSTANTIATION | Py_TPFLAGS_HAVE_GC,
    .slots = CKB_slots};

static PyObject *S_new_ckb(bl_state *st, bl_kb *kb, PyObject *owner,
                           PyObject *path) {
  CKB *self = PyObject_GC_New(CKB, st->CKB_Type);
  if (!self) {
    bl_kb_free(kb);
    return NULL;
  }
  self->kb = kb;
  self->owner = Py_XNewRef(owner);
  self->path = Py_XNewRef(path);
  PyObject_GC_Track((PyObject *)self);
  return (PyObject *)self;
}

/* kb_load(path) -> KB (mmap) */
static PyObject *mod_kb_load(PyObject *module, PyObject *arg) {
  bl_state *st = S_state(module);
  PyObject *bpath = NULL;
  if (!PyUnicode_FSConverter(arg, &bpath)) return NULL;
  PyObject *spath = NULL;
  if (!PyUnicode_FSDecoder(arg, &spath)) {
    Py_DECREF(bpath);
    return NULL;
  }
  const char *p = PyBytes_AS_STRING(bpath);
  bl_kb *kb = NULL;
  int rc, err = 0;
  Py_BEGIN_ALLOW_THREADS
  rc = bl_kb_load(p, &kb);
  err = errno;
  Py_END_ALLOW_THREADS
  PyObject *res = NULL;
  if (rc == BL_EIO) {
    errno = err;
    PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, spath);
  } else if (rc < 0) {
    PyErr_Format(st->FormatError, "%U: %s", spath, bl_strerror(rc));
  } else {
    res = S_new_ckb(st, kb, NULL, spath);
  }
  Py_DECREF(bpath);
  Py_DECREF(spath);
  return res;
}

/* kb_from_bytes(data) -> KB (bytes are used in place; other buffers copied) */
static PyObject *mod_kb_from_bytes(PyObject *module, PyObject *arg) {
  bl_state *st = S_state(module);
  bl_kb *kb = NULL;
  int rc;
  if (PyBytes_Check(arg)) {
    rc = bl_kb_from_buffer(PyBytes_AS_STRING(arg), (size_t)PyBytes_GET_SIZE(arg),
                           0, &kb);
    if (rc < 0) return S_raise(st, rc, "KB image");
    return S_new_ckb(st, kb, arg, NULL);
  }
  Py_buffer view;
  if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0) return NULL;
  rc = bl_kb_from_buffer(view.buf, (size_t)view.len, 1, &kb);
  PyBuffer_Release(&view);
  if (rc < 0) return S_raise(st, rc, "KB image");
  return S_new_ckb(st, kb, NULL, NULL);
}

/* UTF-8 of an optional str field (None -> NULL).  Borrowed from the str's
 * cache.  Returns 0, or -1 with an exception naming the field. */
static int S_opt_utf8(PyObject *o, const char *field, Py_ssize_t rec,
                      const char **out) {
  *out = NULL;
  if (o == Py_None) return 0;
  if (!PyUnicode_Check(o)) {
    PyErr_Format(PyExc_TypeError, "KB record %zd: %s must be str or None, not %.100s",
                 rec, field, Py_TYPE(o)->tp_name);
    return -1;
  }
  Py_ssize_t n = 0;
  *out = PyUnicode_AsUTF8AndSize(o, &n);
  if (!*out) return -1;
  if (strlen(*out) != (size_t)n) {
    PyErr_Format(PyExc_ValueError, "KB record %zd: %s contains NUL", rec, field);
    return -1;
  }
  return 0;
}

/* kb_build(records) -> bytes.  Each record is a tuple
 *   (kb_id, name, label, kind, gender, role, prominence, flags, country,
 *    parent, office, attrs, aliases, alias_flags, name_flags)
 * with ints for the enumerations (byline.kb validates and converts). */
static PyObject *mod_kb_build(PyObject *module, PyObject *arg) {
  bl_state *st = S_state(module);
  PyObject *seq = PySequence_Fast(arg, "records must be a sequence of tuples");
  if (!seq) return NULL;
  bl_kb_builder *b = bl_kb_builder_new();
  const char **al = NULL;
  uint32_t *af = NULL;
  size_t al_cap = 0;
  PyObject *res = NULL;
  if (!b) {
    PyErr_NoMemory();
    goto cleanup;
  }
  Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
  for (Py_ssize_t r = 0; r < n; r++) {
    PyObject *rec = PySequence_Fast_GET_ITEM(seq, r);
    PyObject *id, *name, *country, *parent, *office, *attrs, *aliases, *aflags;
    int label, kind, gender, role;
    unsigned long prom, flags, name_flags;
    if (!PyTuple_Check(rec) || PyTuple_GET_SIZE(rec) != 15) {
      PyErr_Format(PyExc_TypeError, "KB record %zd must be a 15-tuple", r);
      goto cleanup;
    }
    if (!PyArg_ParseTuple(rec, "OOiiiikkOOOOOOk", &id, &name, &label, &kind,
                          &gender, &role, &prom, &flags, &country, &parent,
                          &office, &attrs, &aliases, &aflags, &name_flags))
      goto cleanup;
    bl_kb_record R;
    memset(&R, 0, sizeof(R));
    if (S_opt_utf8(id, "kb_id", r, &R.kb_id) < 0 ||
        S_opt_utf8(name, "name", r, &R.name) < 0 ||
        S_opt_utf8(country, "country", r, &R.country) < 0 ||
        S_opt_utf8(parent, "parent", r, &R.parent) < 0 ||
        S_opt_utf8(office, "office", r, &R.office) < 0 ||
        S_opt_utf8(attrs, "attrs", r, &R.attrs) < 0)
      goto cleanup;
    if (prom > UINT32_MAX || flags > UINT32_MAX || name_flags > UINT32_MAX) {
      PyErr_Format(PyExc_ValueError, "KB record %zd: integer out of range", r);
      goto cleanup;
    }
    R.label = label;
    R.kind = kind;
    R.gender = gender;
    R.role = role;
    R.prominence = (uint32_t)prom;
    R.flags = (uint32_t)flags;
    R.name_flags = (uint32_t)name_flags;
    PyObject *aseq = PySequence_Fast(aliases, "aliases must be a sequence of str");
    if (!aseq) goto cleanup;
    Py_ssize_t na = PySequence_Fast_GET_SIZE(aseq);
    PyObject *fseq = NULL;
    if (aflags != Py_None) {
      fseq = PySequence_Fast(aflags, "alias_flags must be a sequence of int");
      if (!fseq || PySequence_Fast_GET_SIZE(fseq) != na) {
        if (fseq) PyErr_Format(PyExc_ValueError,
                               "KB record %zd: alias_flags length differs", r);
        Py_XDECREF(fseq);
        Py_DECREF(aseq);
        goto cleanup;
      }
    }
    if ((size_t)na > al_cap) {
      size_t cap = (size_t)na * 2;
      const char **nal = PyMem_Realloc(al, cap * sizeof(*al));
      if (nal) al = nal;
      uint32_t *naf = nal ? PyMem_Realloc(af, cap * sizeof(*af)) : NULL;
      if (naf) af = naf;
      if (!nal || !naf) {
        Py_XDECREF(fseq);
        Py_DECREF(aseq);
        PyErr_NoMemory();
        goto cleanup;
      }
      al_cap = cap;
    }
    int bad = 0;
    for (Py_ssize_t k = 0; k < na && !bad; k++) {
      if (S_opt_utf8(PySequence_Fast_GET_ITEM(aseq, k), "alias", r, &al[k]) < 0 ||
          !al[k]) {
        if (!PyErr_Occurred())
          PyErr_Format(PyExc_TypeError, "KB record %zd: alias must be str", r);
        bad = 1;
        break;
      }
      af[k] = 0;
      if (fseq) {
        unsigned long v = PyLong_AsUnsignedLong(PySequence_Fast_GET_ITEM(fseq, k));
        if (v == (unsigned long)-1 && PyErr_Occurred()) bad = 1;
        af[k] = (uint32_t)v;
      }
    }
    if (!bad) {
      R.aliases = al;
      R.alias_flags = af;
      R.n_aliases = (size_t)na;
      int rc = bl_kb_builder_add(b, &R);
      if (rc < 0) {
        if (rc == BL_ENOMEM) PyErr_NoMemory();
        else
          PyErr_Format(PyExc_ValueError, "KB record %zd (%s): %s", r,
                       R.kb_id ? R.kb_id : "no kb_id", bl_strerror(rc));
        bad = 1;
      }
    }
    Py_XDECREF(fseq);
    Py_DECREF(aseq);
    if (bad) goto cleanup;
  }
  {
    void *img = NULL;
    size_t len = 0;
    int rc;
    Py_BEGIN_ALLOW_THREADS
    rc = bl_kb_builder_finish(b, &img, &len);
    Py_END_ALLOW_THREADS
    if (rc == BL_EINVAL) {
      PyErr_SetString(PyExc_ValueError, "KB records: duplicate kb_id");
      goto cleanup;
    }
    if (rc < 0) {
      S_raise(st, rc, "kb_build");
      goto cleanup;
    }
    res = PyBytes_FromStringAndSize(img, (Py_ssize_t)len);
    bl_free(img);
  }
cleanup:
  bl_kb_builder_free(b);
  PyMem_Free(al);
  PyMem_Free(af);
  Py_DECREF(seq);
  return res;
}

/* Fills cfg->kbs from a sequence of KB objects (byline._core.KB, or any
 * object whose `_c` attribute is one).  The objects are borrowed: the
 * caller's arguments keep them alive for the call. */
static int S_kbs_fill(bl_state *st, PyObject *kbs, bl_config *cfg) {
  cfg->n_kbs = 0;
  if (!kbs || kbs == Py_None) return 0;
  PyObject *seq = PySequence_Fast(kbs, "kbs must be a sequence of KB objects");
  if (!seq) return -1;
  Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
  if (n > BL_MAX_KB_LAYERS) {
    Py_DECREF(seq);
    PyErr_Format(PyExc_ValueError, "at most %d knowledge-base layers, got %zd",
                 BL_MAX_KB_LAYERS, n);
    return -1;
  }
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject *o = PySequence_Fast_GET_ITEM(seq, i);
    if (!PyObject_TypeCheck(o, st->CKB_Type)) {
      PyObject *c = PyObject_GetAttrString(o, "_c");
      if (!c) PyErr_Clear();
      int ok = c && PyObject_TypeCheck(c, st->CKB_Type);
      /* borrowed: o keeps its _c alive */
      Py_XDECREF(c);
      if (!ok) {
        Py_DECREF(seq);
        PyErr_Format(PyExc_TypeError, "kbs[%zd] must be a byline.KB, not %.100s",
                     i, Py_TYPE(o)->tp_name);
        return -1;
      }
      o = c;
    }
    cfg->kbs[i] = ((CKB *)o)->kb;
  }
  cfg->n_kbs = (int)n;
  Py_DECREF(seq);
  return 0;
}

/* kb_match(text, kbs, options=0) -> bytes of int32 rows
 *   (start, end, tok_start, tok_end, layer, entry, alias, flags)
 * The match-only scanner (bl_kb_match_text): the hits of tokenizing then
 * matching, without building token tables. */
static PyObject *mod_kb_match(PyObject *module, PyObject *args) {
  bl_state *st = S_state(module);
  PyObject *text, *kbs;
  unsigned int options = 0;
  if (!PyArg_ParseTuple(args, "OO|O&:kb_match", &text, &kbs, S_bits_conv, &options))
    return NULL;
  bl_config cfg;
  memset(&cfg, 0, sizeof(cfg));
  if (S_kbs_fill(st, kbs, &cfg) < 0) return NULL;
  if (options & ~(unsigned)BL_KBM_ALL)
    return PyErr_Format(PyExc_ValueError, "unknown kb_match options %u", options);
  S_text t;
  if (S_text_get(text, &t) < 0) return NULL;
  if ((size_t)t.len > BL_MAX_TEXT_BYTES) {
    S_text_release(&t);
    return PyErr_Format(PyExc_ValueError, "text too large");
  }
  bl_kb_hit *hits = NULL;
  size_t n = 0, bad = 0;
  int rc;
  Py_BEGIN_ALLOW_THREADS
  rc = bl_kb_match_text(cfg.kbs, cfg.n_kbs, t.data, (size_t)t.len, t.trusted,
                        &bad, options, &hits, &n);
  Py_END_ALLOW_THREADS
  S_text_release(&t);
  if (rc == BL_EUTF8)
    return PyErr_Format(PyExc_ValueError,
                        "text is not valid UTF-8 (first bad byte at offset %zu)",
                        bad);
  if (rc < 0) return S_raise(st, rc, "kb_match");
  PyObject *res = PyBytes_FromStringAndSize((const char *)hits,
                                            (Py_ssize_t)(n * sizeof(bl_kb_hit)));
  bl_free(hits);
  return res;
}

/* kb_match_doc(cdoc, kbs, options=0) -> bytes of int32 hit rows, over an
 * already analysed document (the matcher's own cost, without tokenizing). */
static PyObject *mod_kb_match_doc(PyObject *module, PyObject *args) {
  bl_state *st = S_state(module);
  PyObject *cdoc, *kbs;
  unsigned int options = 0;
  if (!PyArg_ParseTuple(args, "OO|O&:kb_match_doc", &cdoc, &kbs, S_bits_conv, &options))
    return NULL;
  if (!PyObject_TypeCheck(cdoc, st->CDoc_Type))
    return PyErr_Format(PyExc_TypeError, "kb_match_doc needs a CDoc, not %.100s",
                        Py_TYPE(cdoc)->tp_name);
  if (options & ~(unsigned)BL_KBM_ALL)
    return PyErr_Format(PyExc_ValueError, "unknown kb_match options %u", options);
  bl_config cfg;
  memset(&cfg, 0, sizeof(cfg));
  if (S_kbs_fill(st, kbs, &cfg) < 0) return NULL;
  bl_kb_hit *hits = NULL;
  size_t n = 0;
  int rc;
  Py_BEGIN_ALLOW_THREADS
  rc = bl_kb_match(cfg.kbs, cfg.n_kbs, ((CDoc *)cdoc)->doc, options, &hits, &n);
  Py_END_ALLOW_THREADS
  if (rc < 0) return S_raise(st, rc, "kb_match_doc");
  PyObject *res = PyBytes_FromStringAndSize((const char *)hits,
                                            (Py_ssize_t)(n * sizeof(bl_kb_hit)));
  bl_free(hits);
  return res;
}

/* Tuple of the names fn1(v), or fn2(id, v), for v = 0, 1, ... up to the first
 * NULL (one of fn1/fn2 is given). */
static PyObject *S_names(const char *(*fn1)(int), const char *(*fn2)(int, int),
                         int id) {
  PyObject *list = PyList_New(0);
  if (!list) return NULL;
  for (int v = 0;; v++) {
    const char *name = fn1 ? fn1(v) : fn2(id, v);
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

static int S_kb_exec(PyObject *m, bl_state *st) {
  st->CKB_Type = (PyTypeObject *)PyType_FromModuleAndSpec(m, &CKB_spec, NULL);
  if (!st->CKB_Type) return -1;
  if (PyModule_AddObjectRef(m, "KB", (PyObject *)st->CKB_Type) < 0) return -1;
  PyObject *kinds = S_names(bl_kb_kind_name, NULL, 0);
  if (PyModule_AddObject(m, "KB_KINDS", kinds) < 0) {
    Py_XDECREF(kinds);
    return -1;
  }
  PyObject *roles = S_names(bl_kb_role_name, NULL, 0);
  if (PyModule_AddObject(m, "KB_ROLES", roles) < 0) {
    Py_XDECREF(roles);
    return -1;
  }
#define ADD_KB_INT(name, v) \
  if (PyModule_AddIntConstant(m, name, v) < 0) return -1;
  ADD_KB_INT("KBA_CASE", BL_KBA_CASE)
  ADD_KB_INT("KBA_NOCASE", BL_KBA_NOCASE)
  ADD_KB_INT("KBA_NAME", BL_KBA_NAME)
  ADD_KB_INT("KBA_DEMONYM", BL_KBA_DEMONYM)
  ADD_KB_INT("KBA_ACRONYM", BL_KBA_ACRONYM)
  ADD_KB_INT("KBA_PLURAL", BL_KBA_PLURAL)
  ADD_KB_INT("KBA_WEAK", BL_KBA_WEAK)
  ADD_KB_INT("KBA_FORMER", BL_KBA_FORMER)
  ADD_KB_INT("KBE_FORMER", BL_KBE_FORMER)
  ADD_KB_INT("KBE_NO_NAME", BL_KBE_NO_NAME)
  ADD_KB_INT("KBM_ALL", BL_KBM_ALL)
  ADD_KB_INT("KB_HIT_FIELDS", (int)(sizeof(bl_kb_hit) / 4))
#undef ADD_KB_INT
  return 0;
}

#define BL_KB_METHODS                                                       \
  {"kb_load", mod_kb_load, METH_O, "kb_load(path) -> KB (mmap)"},           \
  {"kb_from_bytes", mod_kb_from_bytes, METH_O,                              \
   "kb_from_bytes(data) -> KB"},                                            \
  {"kb_build", mod_kb_build, METH_O,                                        \
   "kb_build(records) -> bytes of a compiled KB"},                          \
  {"kb_match", mod_kb_match, METH_VARARGS,                                  \
   "kb_match(text, kbs, options=0) -> bytes of int32 hit rows"},            \
  {"kb_match_doc", mod_kb_match_doc, METH_VARARGS,                          \
   "kb_match_doc(cdoc, kbs, options=0) -> bytes of int32 hit rows"},

/* ================================================================== */
/* Model: a loaded tagger model (owned by the tagger stage)            */
/* ================================================================== */
/* An immutable bl_model, shared freely between threads.  Made by
 * Model.load(path) (memory-mapped), Model(path) or Model.from_bytes(b). */
typedef struct {
  PyObject_HEAD
  bl_model *m;
  PyObject *path; /* str or None: cannot form a cycle, so no GC slots */
} ModelObj;

static void Model_dealloc(PyObject *self) {
  PyTypeObject *tp = Py_TYPE(self);
  ModelObj *o = (ModelObj *)self;
  bl_model_free(o->m);
  Py_CLEAR(o->path);
  tp->tp_free(self);
  Py_DECREF(tp);
}

static PyObject *S_model_new(PyTypeObject *tp, bl_model *m, PyObject *path) {
  ModelObj *o = PyObject_New(ModelObj, tp);
  if (!o) {
    bl_model_free(m);
    return NULL;
  }
  o->m = m;
  o->path = Py_NewRef(path);
  return (PyObject *)o;
}

/* Loads from a path-like; `tp` is the Model type. */
static PyObject *S_model_load(PyTypeObject *tp, PyObject *arg) {
  bl_state *st = (bl_state *)PyType_GetModuleState(tp);
  if (!st) return NULL;
  PyObject *bpath = NULL;
  if (!PyUnicode_FSConverter(arg, &bpath)) return NULL;
  PyObject *spath = PyOS_FSPath(arg);
  if (!spath) {
    Py_DECREF(bpath);
    return NULL;
  }
  bl_model *m = NULL;
  const char *cpath = PyBytes_AS_STRING(bpath); /* bpath stays alive */
  int rc;
  Py_BEGIN_ALLOW_THREADS
  rc = bl_model_load(cpath, &m);
  Py_END_ALLOW_THREADS
  Py_DECREF(bpath);
  if (rc < 0) {
    if (rc == BL_EIO)
      PyErr_Format(PyExc_OSError, "cannot open or map model file %R", spath);
    else if (rc == BL_ENOMEM)
      PyErr_NoMemory();
    else
      PyErr_Format(st->FormatError, "model file %R: %s", spath, bl_strerror(rc));
    Py_DECREF(spath);
    return NULL;
  }
  PyObject *res = S_model_new(tp, m, spath);
  Py_DECREF(spath);
  return res;
}

static PyObject *Model_load(PyObject *cls, PyObject *arg) {
  return S_model_load((PyTypeObject *)cls, arg);
}

static PyObject *Model_tp_new(PyTypeObject *tp, PyObject *args, PyObject *kw) {
  static char *kwlist[] = {"path", NULL};
  PyObject *path = NULL;
  if (!PyArg_ParseTupleAndKeywords(args, kw, "O:Model", kwlist, &path))
    return NULL;
  return S_model_load(tp, path);
}

static PyObject *Model_from_bytes(PyObject *cls, PyObject *arg) {
  PyTypeObject *tp = (PyTypeObject *)cls;
  bl_state *st = (bl_state *)PyType_GetModuleState(tp);
  if (!st) return NULL;
  Py_buffer view;
  if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0) return NULL;
  bl_model *m = NULL;
  int rc;
  Py_BEGIN_ALLOW_THREADS
  rc = bl_model_from_buffer(view.buf, (size_t)view.len, &m);
  Py_END_ALLOW_THREADS
  PyBuffer_Release(&view);
  if (rc < 0) {
    if (rc == BL_ENOMEM) return PyErr_NoMemory();
    PyErr_Format(st->FormatError, "model bytes: %s", bl_strerror(rc));
    return NULL;
  }
  return S_model_new(tp, m, Py_None);
}

/* tag(tokens, sent_starts=None) -> (upos, ner): lists of int values of
 * ENUM_UPOS / ENUM_NER, one per token.  tokens is a sequence of str (one
 * document, already tokenized); sent_starts an optional sequence of bools
 * marking sentence-initial tokens. */
static PyObject *Model_tag(PyObject *self, PyObject *args, PyObject *kw) {
  static char *kwlist[] = {"tokens", "sent_starts", NULL};
  PyObject *tokens = NULL, *starts = Py_None;
  if (!PyArg_ParseTupleAndKeywords(args, kw, "O|O:tag", kwlist, &tokens, &starts))
    return NULL;
  if (PyUnicode_Check(tokens) || PyBytes_Check(tokens)) {
    PyErr_SetString(PyExc_TypeError, "tokens must be a sequence of str, not a string");
    return NULL;
  }
  PyObject *seq = PySequence_Fast(tokens, "tokens must be a sequence of str");
  if (!seq) return NULL;
  PyObject *sseq = NULL, *res = NULL, *lu = NULL, *ln = NULL;
  Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
  const char **ptr = NULL;
  size_t *len = NULL;
  unsigned char *ss = NULL;
  int32_t *upos = NULL, *ner = NULL;
  if (starts != Py_None) {
    sseq = PySequence_Fast(starts, "sent_starts must be a sequence of bools or None");
    if (!sseq) goto cleanup;
    if (PySequence_Fast_GET_SIZE(sseq) != n) {
      PyErr_Format(PyExc_ValueError, "sent_starts has %zd items, tokens %zd",
                   PySequence_Fast_GET_SIZE(sseq), n);
      goto cleanup;
    }
  }
  size_t un = (size_t)n;
  ptr = PyMem_Malloc((un ? un : 1) * sizeof(*ptr));
  len = PyMem_Malloc((un ? un : 1) * sizeof(*len));
  ss = PyMem_Calloc(un ? un : 1, 1);
  upos = PyMem_Malloc((un ? un : 1) * sizeof(*upos));
  ner = PyMem_Malloc((un ? un : 1) * sizeof(*ner));
  if (!ptr || !len || !ss || !upos || !ner) {
    PyErr_NoMemory();
    goto cleanup;
  }
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject *t = PySequence_Fast_GET_ITEM(seq, i);
    if (!PyUnicode_Check(t)) {
      PyErr_Format(PyExc_TypeError, "tokens[%zd] must be str, not %.100s", i,
                   Py_TYPE(t)->tp_name);
      goto cleanup;
    }
    Py_ssize_t k = 0;
    const char *p = PyUnicode_AsUTF8AndSize(t, &k); /* cached on the str */
    if (!p) {
      PyErr_Clear();
      PyErr_Format(PyExc_ValueError, "tokens[%zd] is not encodable as UTF-8", i);
      goto cleanup;
    }
    ptr[i] = p;
    len[i] = (size_t)k;
    if (sseq) {
      int b = PyObject_IsTrue(PySequence_Fast_GET_ITEM(sseq, i));
      if (b < 0) goto cleanup;
      ss[i] = (unsigned char)b;
    }
  }
  int rc;
  /* seq keeps every str (and so its UTF-8) alive while the GIL is off. */
  Py_BEGIN_ALLOW_THREADS
  rc = bl_model_tag(((ModelObj *)self)->m, ptr, len, un, ss, upos, ner);
  Py_END_ALLOW_THREADS
  if (rc < 0) {
    if (rc == BL_ENOMEM) PyErr_NoMemory();
    else PyErr_Format(PyExc_ValueError, "tag: %s", bl_strerror(rc));
    goto cleanup;
  }
  lu = PyList_New(n);
  ln = PyList_New(n);
  if (!lu || !ln) goto cleanup;
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject *a = PyLong_FromLong(upos[i]), *b = PyLong_FromLong(ner[i]);
    if (!a || !b) {
      Py_XDECREF(a);
      Py_XDECREF(b);
      goto cleanup;
    }
    PyList_SET_ITEM(lu, i, a); /* steals a */
    PyList_SET_ITEM(ln, i, b); /* steals b */
  }
  res = PyTuple_Pack(2, lu, ln);
cleanup:
  Py_XDECREF(lu);
  Py_XDECREF(ln);
  PyMem_Free(ptr);
  PyMem_Free(len);
  PyMem_Free(ss);
  PyMem_Free(upos);
  PyMem_Free(ner);
  Py_XDECREF(sseq);
  Py_DECREF(seq);
  return res;
}

static PyObject *Model_get_info(PyObject *self, void *closure) {
  (void)closure;
  return PyUnicode_FromString(bl_model_info(((ModelObj *)self)->m));
}

static PyObject *Model_get_path(PyObject *self, void *closure) {
  (void)closure;
  return Py_NewRef(((ModelObj *)self)->path);
}

static PyObject *Model_repr(PyObject *self) {
  return PyUnicode_FromFormat("<byline Model %R>", ((ModelObj *)self)->path);
}

static PyMethodDef Model_methods[] = {
    {"load", Model_load, METH_O | METH_CLASS,
     "Model.load(path) -> Model: memory-maps a tagger model file (.blm)."},
    {"from_bytes", Model_from_bytes, METH_O | METH_CLASS,
     "Model.from_bytes(data) -> Model: a model from bytes (copied)."},
    {"tag", (PyCFunction)(void (*)(void))Model_tag, METH_VARARGS | METH_KEYWORDS,
     "tag(tokens, sent_starts=None) -> (upos, ner): tags pre-tokenized text "
     "(one document) and returns two lists of enum values."},
    {NULL, NULL, 0, NULL}};

static PyGetSetDef Model_getset[] = {
    {"info", Model_get_info, NULL, "what the model was trained on (str)", NULL},
    {"path", Model_get_path, NULL, "the file it was loaded from, or None", NULL},
    {NULL, NULL, NULL, NULL, NULL}};

static PyType_Slot Model_slots[] = {
    {Py_tp_new, Model_tp_new},
    {Py_tp_dealloc, Model_dealloc},
    {Py_tp_methods, Model_methods},
    {Py_tp_getset, Model_getset},
    {Py_tp_repr, Model_repr},
    {Py_tp_doc, "Model(path): a POS + NER tagger model, immutable, "
                "shareable between threads."},
    {0, NULL}};

static PyType_Spec Model_spec = {
    .name = "byline._core.Model",
    .basicsize = sizeof(ModelObj),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = Model_slots};

/* Borrowed bl_model of analyze()'s model argument (None -> NULL).
 * Returns 0, or -1 with TypeError set. */
static int S_model_arg(bl_state *st, PyObject *model, const bl_model **out) {
  *out = NULL;
  if (model == Py_None) return 0;
  if (!PyObject_TypeCheck(model, st->Model_Type)) {
    PyErr_Format(PyExc_TypeError,
                 "model must be a byline Model or None, not %.100s",
                 Py_TYPE(model)->tp_name);
    return -1;
  }
  *out = ((ModelObj *)model)->m;
  return 0;
}

/* ================================================================== */
/* Module functions                                                    */
/* ================================================================== */
/* Fills a bl_config from analyze()'s arguments.  The KB and Model objects
 * are borrowed: the caller's argument tuple keeps them alive for the call.
 * Returns 0, or -1 with an exception set. */
static int S_config_fill(bl_state *st, PyObject *kbs, PyObject *model,
                         unsigned int stages, bl_config *cfg) {
  memset(cfg, 0, sizeof(*cfg));
  cfg->stages = stages;
  if (S_kbs_fill(st, kbs, cfg) < 0) return -1;
  if (S_model_arg(st, model, &cfg->model) < 0) return -1;
  return 0;
}

static PyObject *S_new_cdoc(bl_state *st, bl_doc *doc) {
  CDoc *self = PyObject_New(CDoc, st->CDoc_Type);
  if (!self) {
    bl_doc_free(doc);
    return NULL;
  }
  self->doc = doc;
  return (PyObject *)self;
}

/* analyze(text, kbs=(), model=None, stages=0) -> CDoc */
static PyObject *mod_analyze(PyObject *module, PyObject *args, PyObject *kw) {
  static char *kwlist[] = {"text", "kbs", "model", "stages", NULL};
  PyObject *text = NULL, *kbs = NULL, *model = Py_None;
  unsigned int stages = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kw, "O|OOO&:analyze", kwlist, &text,
                                   &kbs, &model, S_bits_conv, &stages))
    return NULL;
  bl_state *st = S_state(module);
  bl_config cfg;
  if (S_config_fill(st, kbs, model, stages, &cfg) < 0) return NULL;

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
  return S_new_cdoc(st, doc);
}

/* analyze_batch(texts, kbs=(), model=None, stages=0) -> list[CDoc]
 *
 * Analyses a list or tuple of str in one call, releasing the GIL once for
 * the whole batch when it holds at least BL_GIL_MINSIZE bytes, so that
 * threads run many short texts in parallel.  Raises on the first failure
 * (naming the item) and returns nothing in that case. */
static PyObject *mod_analyze_batch(PyObject *module, PyObject *args,
                                   PyObject *kw) {
  static char *kwlist[] = {"texts", "kbs", "model", "stages", NULL};
  PyObject *texts = NULL, *kbs = NULL, *model = Py_None;
  unsigned int stages = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kw, "O|OOO&:analyze_batch", kwlist,
                                   &texts, &kbs, &model, S_bits_conv, &stages))
    return NULL;
  bl_state *st = S_state(module);
  bl_config cfg;
  if (S_config_fill(st, kbs, model, stages, &cfg) < 0) return NULL;
  if (!PyList_Check(texts) && !PyTuple_Check(texts)) {
    PyErr_Format(PyExc_TypeError, "texts must be a list or tuple of str, not %.100s",
                 Py_TYPE(texts)->tp_name);
    return NULL;
  }
  PyObject *seq = PySequence_Fast(texts, "texts must be a list or tuple");
  if (!seq) return NULL;
  Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
  S_text *tx = NULL;
  bl_doc **docs = NULL;
  int *rcs = NULL;
  PyObject *out = NULL;
  Py_ssize_t got = 0;
  size_t total = 0;
  tx = PyMem_Calloc((size_t)(n ? n : 1), sizeof(S_text));
  docs = PyMem_Calloc((size_t)(n ? n : 1), sizeof(bl_doc *));
  rcs = PyMem_Calloc((size_t)(n ? n : 1), sizeof(int));
  if (!tx || !docs || !rcs) {
    PyErr_NoMemory();
    goto cleanup;
  }
  for (got = 0; got < n; got++) {
    PyObject *item = PySequence_Fast_GET_ITEM(seq, got);
    if (!PyUnicode_Check(item)) {
      PyErr_Format(PyExc_TypeError, "texts[%zd] must be str, not %.100s", got,
                   Py_TYPE(item)->tp_name);
      goto cleanup;
    }
    if (S_text_get(item, &tx[got]) < 0) goto cleanup;
    if ((size_t)tx[got].len > BL_MAX_TEXT_BYTES) {
      PyErr_Format(PyExc_ValueError,
                   "texts[%zd] is %zd bytes of UTF-8; byline's limit is %zu bytes",
                   got, tx[got].len, (size_t)BL_MAX_TEXT_BYTES);
      got++;
      goto cleanup;
    }
    total += (size_t)tx[got].len;
  }
  size_t count = (size_t)n;
  if (total >= BL_GIL_MINSIZE) {
    Py_BEGIN_ALLOW_THREADS
    for (size_t i = 0; i < count; i++)
      rcs[i] = bl_analyze(&cfg, tx[i].data, (size_t)tx[i].len, 1, NULL, &docs[i]);
    Py_END_ALLOW_THREADS
  } else {
    for (size_t i = 0; i < count; i++)
      rcs[i] = bl_analyze(&cfg, tx[i].data, (size_t)tx[i].len, 1, NULL, &docs[i]);
  }
  for (Py_ssize_t i = 0; i < n; i++) {
    if (rcs[i] < 0) {
      char what[64];
      snprintf(what, sizeof(what), "analyze_batch: texts[%zd]", i);
      S_raise(st, rcs[i], what);
      goto cleanup;
    }
  }
  out = PyList_New(n);
  if (!out) goto cleanup;
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject *d = S_new_cdoc(st, docs[i]); /* takes docs[i], even on failure */
    docs[i] = NULL;
    if (!d) {
      Py_CLEAR(out);
      goto cleanup;
    }
    PyList_SET_ITEM(out, i, d); /* steals d */
  }

cleanup:
  if (tx)
    for (Py_ssize_t i = 0; i < got; i++) S_text_release(&tx[i]);
  if (docs)
    for (Py_ssize_t i = 0; i < n; i++) bl_doc_free(docs[i]);
  PyMem_Free(tx);
  PyMem_Free(docs);
  PyMem_Free(rcs);
  Py_DECREF(seq);
  return out;
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
  return S_names(NULL, bl_enum_name, (int)id);
}

static PyMethodDef mod_methods[] = {
    BL_KB_METHODS
    {"analyze", (PyCFunction)(void (*)(void))mod_analyze,
     METH_VARARGS | METH_KEYWORDS,
     "analyze(text, kbs=(), model=None, stages=0) -> CDoc"},
    {"analyze_batch", (PyCFunction)(void (*)(void))mod_analyze_batch,
     METH_VARARGS | METH_KEYWORDS,
     "analyze_batch(texts, kbs=(), model=None, stages=0) -> list of CDoc"},
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
  st->CTable_Type =
      (PyTypeObject *)PyType_FromModuleAndSpec(m, &CTable_spec, NULL);
  if (!st->CTable_Type) return -1;
  st->Model_Type =
      (PyTypeObject *)PyType_FromModuleAndSpec(m, &Model_spec, NULL);
  if (!st->Model_Type) return -1;
  if (PyModule_AddObjectRef(m, "Model", (PyObject *)st->Model_Type) < 0)
    return -1;
  st->FormatError = PyErr_NewExceptionWithDoc(
      "byline._core.FormatError",
      "A knowledge-base or model file is not a byline file, is corrupt, "
      "truncated, or from another format version.",
      PyExc_ValueError, NULL);
  if (!st->FormatError) return -1;
  if (PyModule_AddObjectRef(m, "FormatError", st->FormatError) < 0) return -1;
  if (S_kb_exec(m, st) < 0) return -1;
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
  Py_VISIT(st->CTable_Type);
  Py_VISIT(st->Model_Type);
  Py_VISIT(st->FormatError);
  Py_VISIT(st->CKB_Type);
  return 0;
}

static int mod_clear(PyObject *m) {
  bl_state *st = S_state(m);
  Py_CLEAR(st->CDoc_Type);
  Py_CLEAR(st->CTable_Type);
  Py_CLEAR(st->Model_Type);
  Py_CLEAR(st->FormatError);
  Py_CLEAR(st->CKB_Type);
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
