"""Seeds for fuzz_model: tiny hand-made tagger models in the format of
csrc/core/bl_tagger.c (header, section table, POS/NER1/NER2 weight tables,
info, and in some the optional word lexicon: clusters and POS classes, section 5), valid
including the checksum, each with option bytes 0 and 1.

    python tests/fuzz/seeds_model.py OUT_DIR [corpus files ignored]
"""
import os
import random
import struct
import sys

M64 = (1 << 64) - 1
MAGIC = b"BYLNTAG\x1a"
VERSION, FEATSET = 3, 6
WROW = 24  # BL_WROW: u32 key, u8 shift, 17 int8 weights, padding
LROW = 12  # BL_LROW: u32 key, u16 fine cluster, u8 coarse cluster, u8 zero, u32 POS classes
POS_NCLASS, NER_NCLASS = 17, 17
ALIGN, HDR, SECENT = 64, 64, 32


def fmix64(k):
    k ^= k >> 33
    k = (k * 0xFF51AFD7ED558CCD) & M64
    k ^= k >> 33
    k = (k * 0xC4CEB9FE1A85EC53) & M64
    k ^= k >> 33
    return k


def checksum(b):
    n = len(b)
    h = 0x243F6A8885A308D3 ^ n
    i = 0
    while i + 8 <= n:
        (w,) = struct.unpack_from("<Q", b, i)
        h = ((h ^ fmix64(w)) * 0x9E3779B97F4A7C15) & M64
        h ^= h >> 29
        i += 8
    w = int.from_bytes(b[i:] + bytes(8 - (n - i)), "little")
    h = ((h ^ fmix64(w ^ 0xA5A5A5A5)) * 0x9E3779B97F4A7C15) & M64
    return fmix64(h)


def table(rnd, n_class, n_slots, n_feat):
    keys = [0] * n_slots
    for s in rnd.sample(range(n_slots), n_feat):
        keys[s] = rnd.randrange(1, 1 << 21)
    rows = []
    for key in keys:
        row = struct.pack("<IB", key, rnd.randrange(0, 21))
        row += bytes(rnd.randrange(256) for _ in range(n_class))
        rows.append(row + bytes(WROW - len(row)))
    return b"".join(rows)


def lexicon(rnd, n_slots, n_feat):
    keys = [0] * n_slots
    for s in rnd.sample(range(n_slots), n_feat):
        keys[s] = rnd.randrange(1, 1 << 32)
    return b"".join(struct.pack("<IHBBI", k, rnd.randrange(1, 4097), rnd.randrange(1, 256), 0,
                                rnd.randrange(1 << POS_NCLASS))
                    if k else bytes(LROW) for k in keys)


def model(seed, sizes, info=b"tiny fuzz seed model\0", lex=None):
    rnd = random.Random(seed)
    secs = []
    for sid, (n_slots, n_feat) in zip((1, 2, 3), sizes):
        ncls = POS_NCLASS if sid == 1 else NER_NCLASS
        secs.append((sid, ncls, n_slots, n_feat, table(rnd, ncls, n_slots, n_feat)))
    if lex:
        secs.append((5, 0, lex[0], lex[1], lexicon(rnd, *lex)))
    secs.append((4, 0, 0, 0, info))
    off = HDR + SECENT * len(secs)
    body, entries = b"", []
    for sid, c, n, f, data in secs:
        pad = (-(off + len(body))) % ALIGN
        body += bytes(pad)
        entries.append(struct.pack("<IIIIQQ", sid, c, n, f, off + len(body), len(data)))
        body += data
    rest = b"".join(entries) + body
    size = HDR + len(rest)
    ck = checksum(rest)
    hdr = MAGIC + struct.pack("<IIQQII", VERSION, FEATSET, size, ck, len(secs), 0x01020304)
    hdr += bytes(HDR - len(hdr))
    return hdr + rest


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    seeds = [model(1, [(64, 10), (32, 5)]), model(2, [(16, 3), (16, 3), (16, 15)], lex=(8, 3)),
             model(3, [(256, 200), (128, 100), (8, 1)], lex=(64, 40))]
    for i, m in enumerate(seeds):
        for opt in (0, 1):
            with open(os.path.join(out, f"seed_{i}_{opt}"), "wb") as f:
                f.write(bytes([opt]) + m)


if __name__ == "__main__":
    main()
