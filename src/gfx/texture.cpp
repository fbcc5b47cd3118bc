// texture.cpp — see texture.h.
#include "gfx/texture.h"

#include "platform/gl.h"

namespace nnplay::gfx {

void Texture::ensure(int w, int h, int internal_format, int format, int type, bool nearest, const void* data) {
  const bool fresh = id_ == 0;
  if (fresh) glGenTextures(1, &id_);
  glBindTexture(GL_TEXTURE_2D, id_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  if (fresh || w != w_ || h != h_ || internal_format != fmt_) {
    const GLint filter = nearest ? GL_NEAREST : GL_LINEAR;
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glTexImage2D(GL_TEXTURE_2D, 0, internal_format, w, h, 0, static_cast<GLenum>(format), static_cast<GLenum>(type),
                 data);
    w_ = w;
    h_ = h;
    fmt_ = internal_format;
  } else {
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, w, h, static_cast<GLenum>(format), static_cast<GLenum>(type), data);
  }
  glBindTexture(GL_TEXTURE_2D, 0);
}

void Texture::upload_rgba(int w, int h, const uint8_t* rgba, bool nearest) {
  ensure(w, h, GL_RGBA8, GL_RGBA, GL_UNSIGNED_BYTE, nearest, rgba);
}

void Texture::upload_scalar(int w, int h, const float* values) {
  ensure(w, h, GL_R16F, GL_RED, GL_FLOAT, false, values);
}

void Texture::destroy() {
  if (id_) glDeleteTextures(1, &id_);
  id_ = 0;
  w_ = h_ = fmt_ = 0;
}

}  // namespace nnplay::gfx
