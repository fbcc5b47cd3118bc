// heatmap.cpp — see heatmap.h. One fullscreen triangle into an FBO.
#include "gfx/heatmap.h"

#include <algorithm>

#include "gfx/shaders_embedded.h"
#include "platform/gl.h"

namespace nnplay::gfx {

Heatmap::~Heatmap() {
  if (fbo_) glDeleteFramebuffers(1, &fbo_);
  if (color_) glDeleteTextures(1, &color_);
  if (vao_) glDeleteVertexArrays(1, &vao_);
}

Status Heatmap::init() {
  NNP_RETURN_IF_ERROR(program_.build("boundary", shaders::fullscreen_vert, shaders::boundary_frag));
  loc_scores_ = program_.uniform("u_scores");
  loc_discretize_ = program_.uniform("u_discretize");
  loc_line_ = program_.uniform("u_line");
  glGenVertexArrays(1, &vao_);  // core profile needs a bound VAO even without attributes
  return Status::Ok();
}

void Heatmap::set_scores(int n, const std::vector<float>& scores) {
  if (n <= 0 || scores.size() < static_cast<size_t>(n) * static_cast<size_t>(n)) return;
  // Centred (score - 0.5): R16F keeps ~1e-7 precision around the boundary
  // instead of 5e-4 around 0.5, so the contour line is exact, not dotted.
  centred_.resize(static_cast<size_t>(n) * static_cast<size_t>(n));
  float lo = 1.0f, hi = 0.0f;
  for (size_t i = 0; i < centred_.size(); ++i) {
    centred_[i] = scores[i] - 0.5f;
    lo = std::min(lo, scores[i]);
    hi = std::max(hi, scores[i]);
  }
  // An undecided network (scores within a few percent of each other) has no
  // boundary worth a line; the line fades in as the scores spread.
  const float range = hi - lo;
  line_ = std::clamp((range - 0.05f) / 0.15f, 0.0f, 1.0f);
  scores_.upload_scalar(n, n, centred_.data());
  dirty_ = true;
}

void Heatmap::render(int size, bool discretize) {
  if (!ready() || scores_.id() == 0 || size <= 0) return;
  if (size != size_) {
    if (!color_) glGenTextures(1, &color_);
    glBindTexture(GL_TEXTURE_2D, color_);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, size, size, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindTexture(GL_TEXTURE_2D, 0);
    if (!fbo_) glGenFramebuffers(1, &fbo_);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, color_, 0);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    size_ = size;
    dirty_ = true;
  }
  if (discretize != discretize_) dirty_ = true;
  if (!dirty_) return;
  discretize_ = discretize;
  dirty_ = false;

  glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
  glViewport(0, 0, size, size);
  glDisable(GL_BLEND);
  glDisable(GL_SCISSOR_TEST);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_CULL_FACE);
  glUseProgram(program_.id());
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, scores_.id());
  glUniform1i(loc_scores_, 0);
  glUniform1f(loc_discretize_, discretize ? 1.0f : 0.0f);
  glUniform1f(loc_line_, line_);
  glBindVertexArray(vao_);
  glDrawArrays(GL_TRIANGLES, 0, 3);
  glBindVertexArray(0);
  glBindTexture(GL_TEXTURE_2D, 0);
  glUseProgram(0);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

}  // namespace nnplay::gfx
