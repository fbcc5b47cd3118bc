// heatmap.h — the decision-boundary picture: a small grid of scores
// (P(class 1) in [0, 1], e.g. 64x64) is uploaded as a texture and coloured by
// shaders/boundary.frag.glsl into an RGBA framebuffer texture of the size it
// is shown at, which the boundary panel draws with ImGui::Image. The texture
// holds score - 0.5 (half floats are precise near zero).
//
//   scores: n*n floats, scores[j*n + i] at grid point (x_i, y_j); row j = 0 is
//           the BOTTOM of the picture. The rendered texture has GL's origin
//           (bottom-left), so show it with uv0 = (0,1), uv1 = (1,0).
#pragma once

#include <vector>

#include "core/status.h"
#include "gfx/shader.h"
#include "gfx/texture.h"

namespace nnplay::gfx {

class Heatmap {
 public:
  Heatmap() = default;
  ~Heatmap();
  Heatmap(const Heatmap&) = delete;
  Heatmap& operator=(const Heatmap&) = delete;

  /// Builds the shader program; call once with a current GL context.
  Status init();
  bool ready() const { return program_.id() != 0; }
  /// New scores (n x n); the picture is redrawn on the next render().
  void set_scores(int n, const std::vector<float>& scores);
  /// Draws into the colour texture at size x size pixels when anything changed.
  void render(int size, bool discretize);
  /// The coloured picture (0 before the first render()).
  void* imgui_id() const { return reinterpret_cast<void*>(static_cast<uintptr_t>(color_)); }

 private:
  Program program_;
  Texture scores_;
  std::vector<float> centred_;
  unsigned vao_ = 0, fbo_ = 0, color_ = 0;
  int size_ = 0;
  bool dirty_ = true, discretize_ = false;
  int loc_scores_ = -1, loc_discretize_ = -1, loc_line_ = -1;
  float line_ = 1.0f;
};

}  // namespace nnplay::gfx
