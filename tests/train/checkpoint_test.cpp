// Model files: bit-for-bit round trip, and damaged or foreign files rejected
// with a clear error and no change to the session.
#include "train/checkpoint.h"
#include "support/session_util.h"

#include <gtest/gtest.h>

#include "train/session.h"

namespace nnplay::train {
namespace {

using test::set;

Tensor grid_inputs() {
  Tensor x(Shape{5, 2}, {0, 0, 1, -2, 3.5f, 1, -4, -4, 2, 5});
  return x;
}

TEST(Checkpoint, RoundTripGivesTheSameOutputsBitForBit) {
  Session a;
  ASSERT_TRUE(a.apply(set({{"dataset", "spiral"}, {"layers", "12:relu,6:tanh"}, {"optimizer", "adam"}, {"lr", "0.01"}},
                          Action::Step, 150))
                  .ok());
  const std::vector<uint8_t> bytes = a.save();
  Tensor ya, yb;
  ASSERT_TRUE(a.predict(grid_inputs(), &ya).ok());
  Session b;  // circle, 8:tanh,8:tanh
  ASSERT_TRUE(b.load(bytes, "spiral.nnp").ok());
  EXPECT_EQ(b.config().dataset, "spiral");
  EXPECT_EQ(b.status().layers, "12:relu,6:tanh");
  EXPECT_EQ(b.status().step, 0);
  ASSERT_TRUE(b.predict(grid_inputs(), &yb).ok());
  ASSERT_EQ(ya.numel(), yb.numel());
  for (int64_t i = 0; i < ya.numel(); ++i) EXPECT_EQ(ya[i], yb[i]) << i;
}

TEST(Checkpoint, DamagedOrForeignFilesChangeNothing) {
  Session a;
  ASSERT_TRUE(a.apply(set({}, Action::Step, 20)).ok());
  std::vector<uint8_t> good = a.save();
  Session b;
  ASSERT_TRUE(b.apply(set({{"dataset", "xor"}}, Action::Step, 7)).ok());
  const float w = (*b.model().params()[0].value)[0];
  auto expect_unchanged = [&](const Status& st, ErrorCode code, const std::string& needle) {
    EXPECT_EQ(st.code(), code) << st.to_string();
    EXPECT_NE(st.message().find(needle), std::string::npos) << st.message();
    EXPECT_EQ(b.config().dataset, "xor");
    EXPECT_EQ(b.status().step, 7);
    EXPECT_EQ((*b.model().params()[0].value)[0], w);
  };
  std::vector<uint8_t> png = {0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 0, 0, 0, 0, 0};
  expect_unchanged(b.load(png, "cat.png"), ErrorCode::DATA_CORRUPT, "cat.png: not an nnplay model file");
  std::vector<uint8_t> cut(good.begin(), good.end() - 9);
  expect_unchanged(b.load(cut, "cut.nnp"), ErrorCode::DATA_CORRUPT, "outside the file");
  std::vector<uint8_t> future = good;
  future[8] = 9;
  expect_unchanged(b.load(future, "new.nnp"), ErrorCode::UNSUPPORTED, "version 9");
  std::vector<uint8_t> garbled = good;
  garbled[16] = '#';  // the header's opening brace
  expect_unchanged(b.load(garbled, "garbled.nnp"), ErrorCode::DATA_CORRUPT, "JSON");
  // A file whose weights do not fit the network its settings describe.
  Config five = a.config();
  five.layers = {{5, nn::Activation::Tanh}};
  nn::Model m8;
  ASSERT_TRUE(m8.build(nn::mlp_spec({{8, nn::Activation::Tanh}}, 1), Shape{1, 2}, 4).ok());
  const std::vector<uint8_t> mismatched = write_checkpoint(five, m8, 0);  // settings say 5 units, tensors hold 8
  expect_unchanged(b.load(mismatched, "mismatch.nnp"), ErrorCode::SHAPE_MISMATCH, "1.linear.weight");
}

}  // namespace
}  // namespace nnplay::train
