// max_pool2d_2x2_f32 against the general max-pooling loop (window taps in
// row-major order, first maximum wins, NaN chosen) on odd and even sizes,
// with ties and NaNs planted.
#include "kernels/pool.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "core/rng.h"

namespace nnplay::kernels {
namespace {

void reference(int64_t planes, int in_h, int in_w, const float* x, std::vector<float>* y, std::vector<int32_t>* arg) {
  const int out_h = in_h / 2, out_w = in_w / 2;
  for (int64_t p = 0; p < planes; ++p)
    for (int oh = 0; oh < out_h; ++oh)
      for (int ow = 0; ow < out_w; ++ow) {
        float best = -std::numeric_limits<float>::infinity();
        int32_t a = -1;
        for (int i = 0; i < 2; ++i)
          for (int j = 0; j < 2; ++j) {
            const int idx = (2 * oh + i) * in_w + 2 * ow + j;
            const float v = x[p * in_h * in_w + idx];
            if (v > best || a < 0 || std::isnan(v)) {
              best = v;
              a = idx;
            }
          }
        y->push_back(best);
        arg->push_back(a);
      }
}

TEST(Pool, MaxPool2x2MatchesTheGeneralLoop) {
  for (int in_h : {1, 2, 3, 5, 28})
    for (int in_w : {1, 2, 7, 8, 9, 10, 17, 19, 28}) {
      const int64_t planes = 3;
      Rng rng(static_cast<uint64_t>(in_h * 100 + in_w));
      std::vector<float> x(static_cast<size_t>(planes * in_h * in_w));
      // Few distinct values, so windows have ties.
      for (float& v : x) v = static_cast<float>(rng.below(4)) - 1.5f;
      if (x.size() > 9) {
        x[3] = std::numeric_limits<float>::quiet_NaN();
        x[8] = std::numeric_limits<float>::quiet_NaN();
      }
      std::vector<float> want;
      std::vector<int32_t> want_arg;
      reference(planes, in_h, in_w, x.data(), &want, &want_arg);
      std::vector<float> y(want.size() + 1, 99.0f);
      std::vector<int32_t> arg(want.size() + 1, 99);
      max_pool2d_2x2_f32(planes, in_h, in_w, x.data(), y.data(), arg.data());
      for (size_t o = 0; o < want.size(); ++o) {
        ASSERT_EQ(arg[o], want_arg[o]) << in_h << "x" << in_w << " output " << o;
        if (std::isnan(want[o])) ASSERT_TRUE(std::isnan(y[o]));
        else ASSERT_EQ(y[o], want[o]);
      }
      EXPECT_EQ(y[want.size()], 99.0f);
      EXPECT_EQ(arg[want.size()], 99);
    }
}

}  // namespace
}  // namespace nnplay::kernels
