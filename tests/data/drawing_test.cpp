// The draw pad (data/drawing.h): strokes paint round, soft ink; the image the
// network sees is fitted as MNIST's digits were (longer side 20 px, centre of
// mass at the centre) or Fashion-MNIST's garments (longer side 28, centred),
// wherever and however large the student drew. Expected values are geometry:
// a stroke's width, a box's side, the centre (14, 14).
#include "data/drawing.h"

#include <gtest/gtest.h>

#include <cmath>

namespace nnplay::data {
namespace {

struct Extent {
  int x0 = 1 << 20, y0 = 1 << 20, x1 = -1, y1 = -1;
  double mass = 0, cx = 0, cy = 0;
};
Extent extent_of(const std::vector<float>& img, int size, float threshold = 0.05f) {
  Extent e;
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x) {
      const float v = img[static_cast<size_t>(y * size + x)];
      e.mass += v;
      e.cx += v * (x + 0.5);
      e.cy += v * (y + 0.5);
      if (v > threshold) e.x0 = std::min(e.x0, x), e.x1 = std::max(e.x1, x), e.y0 = std::min(e.y0, y), e.y1 = std::max(e.y1, y);
    }
  e.cx /= e.mass;
  e.cy /= e.mass;
  return e;
}

TEST(Drawing, AStrokeIsARoundedBandOfItsRadius) {
  Drawing d;
  EXPECT_TRUE(d.empty());
  d.stroke(0.25f, 0.5f, 0.75f, 0.5f, 0.05f);  // radius 5.6 pad pixels
  EXPECT_FALSE(d.empty());
  const int n = Drawing::kPadSize, mid = n / 2;
  EXPECT_EQ(d.at(mid, mid), 1.0f);
  EXPECT_EQ(d.at(mid, mid - 4), 1.0f);        // 3.5 px from the line: inside
  EXPECT_EQ(d.at(mid, mid - 8), 0.0f);        // 7.5 px: outside
  EXPECT_EQ(d.at(n / 4 - 8, mid), 0.0f);      // beyond the rounded end
  EXPECT_GT(d.at(n / 4 - 3, mid), 0.99f);     // within the end cap
  d.clear();
  EXPECT_TRUE(d.empty());
  const std::vector<float> img = d.to_image(DrawingFit::Digit);
  ASSERT_EQ(img.size(), 784u);
  for (float v : img) EXPECT_EQ(v, 0.0f);
}

TEST(Drawing, ADigitIsScaledToTwentyPixelsAndCentredByMass) {
  // An "L": a long vertical bar and a short foot, drawn small in a corner.
  Drawing d;
  d.stroke(0.1f, 0.1f, 0.1f, 0.4f, 0.02f);
  d.stroke(0.1f, 0.4f, 0.2f, 0.4f, 0.02f);
  const std::vector<float> img = d.to_image(DrawingFit::Digit);
  const Extent e = extent_of(img, 28);
  EXPECT_NEAR(e.cx, 14.0, 0.05);
  EXPECT_NEAR(e.cy, 14.0, 0.05);
  EXPECT_NEAR(e.y1 - e.y0 + 1, 20, 1);   // the longer side fills the 20 px box
  EXPECT_LT(e.x1 - e.x0 + 1, 12);        // the shorter keeps its proportion
  EXPECT_LT(e.cx, 0.5 * (e.x0 + e.x1 + 1));  // the mass is in the bar, left of the box's middle
}

TEST(Drawing, WhereAndHowLargeTheDigitIsDrawnDoesNotMatter) {
  Drawing small, large;
  small.stroke(0.6f, 0.6f, 0.8f, 0.9f, 0.015f);
  large.stroke(0.1f, 0.1f, 0.5f, 0.7f, 0.03f);  // the same stroke, twice as large, elsewhere
  const std::vector<float> a = small.to_image(DrawingFit::Digit), b = large.to_image(DrawingFit::Digit);
  double diff = 0, ink = 0;
  for (size_t i = 0; i < a.size(); ++i) diff += std::fabs(a[i] - b[i]), ink += a[i];
  EXPECT_LT(diff / ink, 0.25) << "the same picture up to resampling";
}

TEST(Drawing, AGarmentFillsTheFrameAndIsCentred) {
  Drawing d;
  d.stroke(0.3f, 0.2f, 0.3f, 0.6f, 0.04f);  // a tall shape
  d.stroke(0.3f, 0.2f, 0.45f, 0.2f, 0.04f);
  const Extent e = extent_of(d.to_image(DrawingFit::Garment), 28);
  EXPECT_EQ(e.y0, 0);
  EXPECT_EQ(e.y1, 27);
  EXPECT_NEAR(0.5 * (e.x0 + e.x1 + 1), 14.0, 1.0);
}

}  // namespace
}  // namespace nnplay::data
