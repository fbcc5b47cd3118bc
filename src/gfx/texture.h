// texture.h — a 2D GL texture owned by value (deleted with the object), for
// ImGui::Image. Two formats are enough for nnplay:
//   RGBA8  images (the sample grid), nearest filtering keeps 28x28 pixels crisp
//   R16F   scalar grids (decision-boundary scores), bilinear filtering
//          (R16F is filterable in WebGL2 without extensions; R32F is not)
#pragma once

#include <cstdint>

namespace nnplay::gfx {

class Texture {
 public:
  Texture() = default;
  ~Texture() { destroy(); }
  Texture(const Texture&) = delete;
  Texture& operator=(const Texture&) = delete;

  /// rgba: w*h*4 bytes, first row = top of the image (v = 0).
  void upload_rgba(int w, int h, const uint8_t* rgba, bool nearest);
  /// values: w*h floats, first row = v = 0.
  void upload_scalar(int w, int h, const float* values);
  void destroy();

  unsigned id() const { return id_; }
  int width() const { return w_; }
  int height() const { return h_; }
  /// For ImGui::Image (ImTextureID is void* in Dear ImGui 1.86).
  void* imgui_id() const { return reinterpret_cast<void*>(static_cast<uintptr_t>(id_)); }

 private:
  void ensure(int w, int h, int internal_format, int format, int type, bool nearest, const void* data);
  unsigned id_ = 0;
  int w_ = 0, h_ = 0, fmt_ = 0;
};

}  // namespace nnplay::gfx
