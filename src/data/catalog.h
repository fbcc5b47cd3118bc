// catalog.h — the datasets nnplay offers, by key, and the files each needs.
//
// Image sets are gzipped IDX files made by scripts/bootstrap (never committed):
// the desktop app and CLI read "<data dir>/<file>", the web app fetches
// "data/<file>.gz" and decompresses it in the browser. data/ parses bytes only.
#pragma once

#include <string>
#include <vector>

#include "data/dataset.h"

namespace nnplay::data {

/// Families share defaults (network, batch, learning rate) and views.
enum class Family { Points, Images, Sequences, Segmentation, Functions, Clips };

struct DatasetInfo {
  const char* key;    // "circle", "fashion_mnist"
  const char* title;  // "Fashion-MNIST"
  bool image = false;  // loaded from IDX files (wanted_files), else generated from the seed
  int num_classes = 2;  // 0: a regression set (real targets, one output)
  std::vector<std::string> class_names;
  // image sets: train images, train labels, then optionally test images, test labels
  std::vector<std::string> files;
  const char* about = "";
  Family family = Family::Points;
  /// Sets from files: the per-sample shape of their images, known before they
  /// load (so a network can be checked against them while they download).
  Shape sample_shape{};
  /// The user's own data (a CSV file, Session::load_csv; images,
  /// Session::load_images): not generated, not
  /// downloaded; a session has it once loaded, with its own classes and shape.
  bool user = false;
  /// True for a regression set (the 1D functions, the 2D plane and
  /// multi-Gaussian): real targets, no classes.
  bool regression() const { return num_classes == 0; }
  /// Logits a network needs for this set (data::num_outputs).
  int outputs() const { return num_outputs(num_classes, family == Family::Segmentation); }
};

/// "2D points", "image sets", "sequences", "segmentation", "1D functions", "clips".
/// Functions is the regression family (real targets, data/function1d.h);
/// Clips are short videos (N, 1, T, H, W) for 3D convolutions (data/clips.h).
const char* family_title(Family f);
inline constexpr Family kFamilies[] = {Family::Points, Family::Images, Family::Sequences, Family::Segmentation,
                                       Family::Functions, Family::Clips};

const std::vector<DatasetInfo>& dataset_catalog();
/// nullptr when `key` names no dataset.
const DatasetInfo* find_dataset(const std::string& key);
/// The catalog's entry for the user's CSV file ("csv"): a placeholder; a
/// session that loaded one has its own DatasetInfo (Session::dataset_info).
inline constexpr const char* kCsvKey = "csv";
/// Likewise for the user's images ("images", data/image_set.h).
inline constexpr const char* kImagesKey = "images";
/// "circle, xor, gauss, spiral, moons, mnist, fashion_mnist".
std::string dataset_keys();

}  // namespace nnplay::data
