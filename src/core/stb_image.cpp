// stb_image.cpp — the one translation unit that compiles stb_image and
// stb_image_resize (Debian's libstb-dev, /usr/include/stb, a SYSTEM include:
// their warnings are theirs). stb_image's PNG, JPEG and BMP decoders read the
// user's images (data/image_set.h) and its zlib decoder inflates zip entries
// (core/zip.h); stb_image_resize scales images to the network's input.
// Memory only: no stdio, the engine reads no files.
#define STB_IMAGE_IMPLEMENTATION
#define STBI_NO_STDIO
#define STBI_ONLY_PNG
#define STBI_ONLY_JPEG
#define STBI_ONLY_BMP
#include <stb/stb_image.h>
#define STB_IMAGE_RESIZE_IMPLEMENTATION
#include <stb/stb_image_resize.h>
