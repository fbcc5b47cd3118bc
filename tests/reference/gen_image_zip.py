#!/usr/bin/python3
"""Writes tests/reference/images.zip: a zip made by Python's zipfile (deflate
and stored entries, folder entries, macOS debris, a README) holding PNGs
written here by hand (zlib + the PNG chunk layout), whose pixels the test
knows from this script:

  shapes/circles/grey200.png   8x8 grey, every pixel 200          (deflated)
  shapes/circles/halves.png    16x16 grey, columns 0-7 black (0),
                               columns 8-15 white (255)            (deflated)
  shapes/squares/red.png       4x4 RGB, every pixel (255, 0, 0)    (stored)
  shapes/squares/wide50.png    6x3 grey (wider than tall), all 50  (deflated)
  shapes/README.txt            "not an image\\n"                     (deflated)
  __MACOSX/shapes/circles/._grey200.png   AppleDouble debris     (deflated)
  shapes/, shapes/circles/, shapes/squares/   folder entries

Run: /usr/bin/python3 tests/reference/gen_image_zip.py (no third-party modules).
"""
import os
import struct
import zipfile
import zlib


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(width, height, channels, pixel):
    """pixel(x, y) -> tuple of `channels` bytes; colour type 0 (grey) or 2 (RGB), 8 bits."""
    raw = b""
    for y in range(height):
        raw += b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0 if channels == 1 else 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "images.zip")
    when = (2026, 12, 5, 12, 0, 0)

    def add(z, name, data, method=zipfile.ZIP_DEFLATED):
        info = zipfile.ZipInfo(name, when)
        info.compress_type = method
        z.writestr(info, data)

    with zipfile.ZipFile(out, "w") as z:
        for folder in ("shapes/", "shapes/circles/", "shapes/squares/"):
            add(z, folder, b"", zipfile.ZIP_STORED)
        add(z, "shapes/circles/grey200.png", png(8, 8, 1, lambda x, y: (200,)))
        add(z, "shapes/circles/halves.png", png(16, 16, 1, lambda x, y: (0 if x < 8 else 255,)))
        add(z, "shapes/squares/red.png", png(4, 4, 3, lambda x, y: (255, 0, 0)), zipfile.ZIP_STORED)
        add(z, "shapes/squares/wide50.png", png(6, 3, 1, lambda x, y: (50,)))
        add(z, "shapes/README.txt", b"not an image\n")
        add(z, "__MACOSX/shapes/circles/._grey200.png", b"\x00\x05\x16\x07" + b"\x00" * 60)
    print("wrote", out, os.path.getsize(out), "bytes")


if __name__ == "__main__":
    main()
