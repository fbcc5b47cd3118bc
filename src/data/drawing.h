// drawing.h — a student's drawing on the draw pad, made into the image a
// network trained on MNIST or Fashion-MNIST expects.
//
// The pad is a square of kPadSize × kPadSize ink values in [0, 1] (row 0 at
// the top), painted by round strokes. The network does not see the pad as
// drawn: a digit drawn small in a corner would look like nothing it was
// trained on. to_image() prepares it as the datasets prepared theirs:
//   digits (MNIST, LeCun et al. 1998): the ink's bounding box scaled to fit
//     a 20 × 20 box (aspect kept, anti-aliased), placed in 28 × 28 so that
//     the ink's centre of mass is the image centre (14, 14);
//   garments (Fashion-MNIST, Xiao et al. 2017): the bounding box scaled so
//     its longer side is 28, centred.
#pragma once

#include <cstddef>
#include <vector>

namespace nnplay::data {

enum class DrawingFit { Digit, Garment };

class Drawing {
 public:
  static constexpr int kPadSize = 112;
  Drawing() : ink_(static_cast<std::size_t>(kPadSize) * kPadSize, 0.0f) {}
  /// A stroke segment from (x0, y0) to (x1, y1), coordinates in [0, 1] of the
  /// pad's side (y down), of radius `radius` (also in pad sides), with a soft
  /// anti-aliased edge; ink adds up to at most 1.
  void stroke(float x0, float y0, float x1, float y1, float radius);
  void clear();
  bool empty() const;
  /// Ink at pad pixel (x, y).
  float at(int x, int y) const { return ink_[static_cast<std::size_t>(y) * kPadSize + static_cast<std::size_t>(x)]; }
  const std::vector<float>& ink() const { return ink_; }

  /// The image the network sees: size × size values in [0, 1], row-major
  /// (the NCHW layout of one (1, 1, size, size) sample), fitted as `fit`
  /// says (file comment). All zeros for an empty pad.
  std::vector<float> to_image(DrawingFit fit, int size = 28) const;

 private:
  std::vector<float> ink_;
};

}  // namespace nnplay::data
