// gfx_null.cpp — gfx/ without GL, for the headless UI test (tests/ui): the
// same classes keep their sizes and hand out ids, so views lay out and
// "upload" exactly as with GL, but nothing is drawn. Not in the app.
#include "gfx/heatmap.h"
#include "gfx/shader.h"
#include "gfx/texture.h"

namespace nnplay::gfx {
namespace {
unsigned next_id = 1;
}  // namespace

void Texture::ensure(int w, int h, int internal_format, int, int, bool, const void*) {
  if (id_ == 0) id_ = next_id++;
  w_ = w;
  h_ = h;
  fmt_ = internal_format;
}
void Texture::upload_rgba(int w, int h, const uint8_t* rgba, bool nearest) { ensure(w, h, 1, 0, 0, nearest, rgba); }
void Texture::upload_scalar(int w, int h, const float* values) { ensure(w, h, 2, 0, 0, false, values); }
void Texture::destroy() {
  id_ = 0;
  w_ = h_ = fmt_ = 0;
}

Status Program::build(const std::string&, const char*, const char*) {
  id_ = next_id++;
  return Status::Ok();
}
void Program::destroy() { id_ = 0; }
int Program::uniform(const char*) const { return 0; }

Heatmap::~Heatmap() = default;
Status Heatmap::init() { return program_.build("boundary", nullptr, nullptr); }
void Heatmap::set_scores(int n, const std::vector<float>& scores) {
  if (n > 0 && scores.size() >= static_cast<size_t>(n) * static_cast<size_t>(n)) scores_.upload_scalar(n, n, scores.data());
}
void Heatmap::render(int size, bool discretize) {
  if (!ready() || scores_.id() == 0 || size <= 0) return;
  if (!color_) color_ = next_id++;
  size_ = size;
  discretize_ = discretize;
}

}  // namespace nnplay::gfx
