// The user's images in a session (Session::load_images, {"load_images": ...},
// Playground::load_files): a zip or files become dataset "images" with the
// image family's settings and a fresh start that trains; the format can be
// changed afterwards; a bad file changes nothing. Expected values come from
// the images (tests/reference/gen_image_zip.py's, or drawn here: bright
// against dark squares, so a network that trained on them must tell them
// apart unless labels and pixels were mixed up).
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "core/base64.h"
#include "support/golden.h"
#include "support/session_util.h"
#include "train/playground.h"

#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STB_IMAGE_WRITE_STATIC
#define STBI_WRITE_NO_STDIO
#include <stb/stb_image_write.h>

namespace nnplay::train {
namespace {

using test::set;

void write_fn(void* ctx, void* data, int size) {
  auto* out = static_cast<std::vector<uint8_t>*>(ctx);
  const auto* b = static_cast<const uint8_t*>(data);
  out->insert(out->end(), b, b + size);
}

/// 20 PNGs per class, 12x12 grey noise: "bright" in [150, 255], "dark" in [0, 105].
std::vector<data::ImageFile> bright_and_dark() {
  std::mt19937 rng(3);
  std::vector<data::ImageFile> files;
  for (int k = 0; k < 40; ++k) {
    const bool bright = k % 2 == 0;
    std::uniform_int_distribution<int> px(bright ? 150 : 0, bright ? 255 : 105);
    std::vector<uint8_t> img(144);
    for (uint8_t& v : img) v = static_cast<uint8_t>(px(rng));
    data::ImageFile f{std::string("sky/") + (bright ? "bright/" : "dark/") + std::to_string(k) + ".png", {}};
    stbi_write_png_to_func(write_fn, &f.bytes, 12, 12, 1, img.data(), 12);
    files.push_back(std::move(f));
  }
  return files;
}

TEST(ImagesSession, AZipBecomesTheDatasetAndTheFormatCanChange) {
  Playground p;
  const std::vector<uint8_t> zip = test::reference_bytes("images.zip");
  ASSERT_FALSE(zip.empty());
  nlohmann::json cmd = {{"load_images", base64_encode(zip)}, {"name", "shapes.zip"}};
  Status st = p.command(cmd.dump());
  ASSERT_TRUE(st.ok()) << st.to_string();
  Session& s = p.session();
  EXPECT_EQ(s.status().dataset, "images");
  EXPECT_EQ(s.status().train_size + s.status().val_size, 4);
  const data::DatasetInfo* info = s.dataset_info("images");
  ASSERT_NE(info, nullptr);
  EXPECT_STREQ(info->title, "shapes.zip");
  EXPECT_EQ(info->class_names, (std::vector<std::string>{"circles", "squares"}));
  EXPECT_EQ(info->sample_shape, (Shape{1, 1, 28, 28}));
  EXPECT_NE(std::string(info->about).find("4 images (2 circles, 2 squares), read as grey 28x28; 2 other files skipped"),
            std::string::npos)
      << info->about;
  ASSERT_NE(s.images(), nullptr);
  EXPECT_EQ(s.images()->ignored, 2);

  ASSERT_TRUE(p.command(R"({"image_format": "rgb32"})").ok());
  EXPECT_EQ(s.dataset()->sample_shape, (Shape{1, 3, 32, 32}));
  EXPECT_EQ(s.dataset_info("images")->sample_shape, (Shape{1, 3, 32, 32}));
  EXPECT_STREQ(s.dataset_info("images")->title, "shapes.zip");
  ASSERT_TRUE(s.apply(set({}, Action::Step, 3)).ok());  // the network was rebuilt for 3x32x32
  EXPECT_EQ(s.status().step, 3);

  st = p.command(R"({"image_format": "cmyk32"})");
  EXPECT_EQ(st.code(), ErrorCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.dataset()->sample_shape, (Shape{1, 3, 32, 32}));
}

TEST(ImagesSession, DroppedFilesTrainToTellTheirClassesApart) {
  Playground p;
  ASSERT_TRUE(p.load_files(bright_and_dark()).ok());
  Session& s = p.session();
  EXPECT_STREQ(s.dataset_info("images")->title, "sky");  // the folder all share
  EXPECT_EQ(s.config().model, "mlp");                     // the image family's defaults
  ASSERT_TRUE(s.apply(set({{"val_fraction", "0.25"}, {"batch_size", "10"}, {"optimizer", "adam"}, {"lr", "0.001"}},
                          Action::Step, 150))
                  .ok());
  auto val = s.evaluate_split(false, 1000);
  ASSERT_TRUE(val.ok());
  EXPECT_EQ(val.value().count, 10);
  EXPECT_GE(val.value().correct, 9) << "bright against dark";
}

TEST(ImagesSession, ARaceRunsOnTheLoadedImages) {
  Playground p;
  ASSERT_TRUE(p.load_files(bright_and_dark()).ok());
  ASSERT_TRUE(p.session().set_image_format(3, 32).ok());
  const Status raced = p.command(R"({"race": [{"optimizer": "sgd", "lr": 0.01}, {"optimizer": "adam", "lr": 0.001}], "action": "step", "steps": 5})");
  ASSERT_TRUE(raced.ok()) << raced.to_string();
  for (int i = 0; i < p.race().size(); ++i) {
    const Session& lane = p.race().lane(i);
    EXPECT_EQ(lane.status().dataset, "images");
    EXPECT_EQ(lane.dataset()->sample_shape, (Shape{1, 3, 32, 32})) << "in the format chosen";
    EXPECT_EQ(lane.dataset()->size(), p.session().dataset()->size());
    EXPECT_EQ(lane.dataset()->y, p.session().dataset()->y) << "the same images, in order";
    EXPECT_EQ(lane.trainer().val_indices(), p.session().trainer().val_indices()) << "and the same split";
    EXPECT_EQ(lane.status().step, 5);
  }
}

TEST(ImagesSession, AModelSavedOnTheImagesLoadsBack) {
  // The soak's round trip: a model file saved while the user's images are the data.
  Playground p;
  ASSERT_TRUE(p.load_files(bright_and_dark()).ok());
  Session& s = p.session();
  ASSERT_TRUE(s.apply(set({}, Action::Step, 5)).ok());
  const std::vector<uint8_t> file = s.save();
  for (const char* format : {"onnx", "pytorch"}) {  // the exports take their sample from the images
    auto out = p.export_command(nlohmann::json{{"export", format}});
    EXPECT_TRUE(out.ok()) << format << ": " << out.status().to_string();
  }
  Status st = p.load_model("net.nnp", file);
  ASSERT_TRUE(st.ok()) << st.to_string();
  EXPECT_EQ(s.status().dataset, "images");
  ASSERT_TRUE(s.apply(set({}, Action::Step, 2)).ok());
  ASSERT_TRUE(p.image_format("rgb32").ok());
  for (const char* format : {"onnx", "pytorch"}) {
    auto out = p.export_command(nlohmann::json{{"export", format}});
    EXPECT_TRUE(out.ok()) << format << " on RGB: " << out.status().to_string();
  }
  st = p.load_model("net.nnp", file);  // a grey 28x28 network's file on RGB 32x32 images
  EXPECT_EQ(s.dataset()->size(), 40);
  ASSERT_TRUE(s.apply(set({}, Action::Step, 2)).ok()) << st.to_string();
}

TEST(ImagesSession, BackFromACsvAModelSavesAndLoads) {
  // The soak's sequence (seed 59407): images, then a CSV, then images again, trained, saved and loaded back.
  Playground p;
  ASSERT_TRUE(p.load_files(bright_and_dark()).ok());
  Session& s = p.session();
  std::string csv = "f0,f1,label\n";
  for (int i = 0; i < 40; ++i) csv += std::to_string(i % 7) + "," + std::to_string(i % 5) + "," + (i % 2 ? "a" : "b") + "\n";
  ASSERT_TRUE(p.load_csv("soak.csv", csv).ok());
  ASSERT_TRUE(s.apply(set({{"dataset", "images"}}, Action::Step, 3)).ok());
  EXPECT_EQ(s.dataset()->sample_shape, (Shape{1, 1, 28, 28}));
  auto before = p.export_command(nlohmann::json{{"export", "onnx"}});
  ASSERT_TRUE(before.ok()) << before.status().to_string();
  const std::vector<uint8_t> file = s.save();
  const Status st = p.load_model("net.nnp", file);
  ASSERT_TRUE(st.ok()) << st.to_string();
  auto after = p.export_command(nlohmann::json{{"export", "onnx"}});
  ASSERT_TRUE(after.ok()) << after.status().to_string();
  ASSERT_TRUE(s.apply(set({}, Action::Step, 2)).ok());
}

TEST(ImagesSession, RefusalsChangeNothing) {
  Playground p;
  Session& s = p.session();
  const std::string before = s.status().dataset;
  Status st = s.apply(set({{"dataset", "images"}}));
  EXPECT_EQ(st.code(), ErrorCode::NOT_FOUND);
  EXPECT_NE(st.message().find("no images are loaded yet"), std::string::npos) << st.message();
  EXPECT_EQ(p.image_format("rgb32").code(), ErrorCode::NOT_FOUND);

  std::vector<data::ImageFile> files = bright_and_dark();
  files[7].bytes.resize(20);  // truncated
  st = p.load_files(files);
  EXPECT_EQ(st.code(), ErrorCode::DATA_CORRUPT);
  EXPECT_NE(st.message().find("sky: sky/dark/7.png: a damaged or truncated PNG"), std::string::npos) << st.message();
  EXPECT_EQ(s.status().dataset, before);
  EXPECT_EQ(s.images(), nullptr);

  std::vector<uint8_t> zip = test::reference_bytes("images.zip");
  zip.resize(zip.size() - 30);  // the end record cut off
  st = p.load_file("shapes.zip", zip);
  EXPECT_EQ(st.code(), ErrorCode::DATA_CORRUPT);
  EXPECT_NE(st.message().find("shapes.zip: zip:"), std::string::npos) << st.message();
  EXPECT_EQ(s.status().dataset, before);

  // Loaded, then a bad file: the loaded images stay.
  ASSERT_TRUE(p.load_files(bright_and_dark()).ok());
  st = p.load_files({files[7], files[8]});
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(s.status().dataset, "images");
  EXPECT_STREQ(s.dataset_info("images")->title, "sky");
  EXPECT_EQ(s.dataset()->size(), 40);
}

}  // namespace
}  // namespace nnplay::train
