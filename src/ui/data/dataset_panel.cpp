// dataset_panel.cpp — which data: the dataset, and for the generated sets the
// noise, number of samples (and the memory task's sequence length); the
// validation share for all; then the sizes of the splits.
#include <algorithm>

#include "data/image_set.h"
#include "imgui.h"
#include "nn/input_features.h"
#include "platform/platform.h"
#include "ui/context.h"
#include "ui/restrictions.h"
#include "ui/view.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

// TF Playground's input switches: one checkbox per feature, flowing onto
// the next line when the panel is narrow (a phone); at least one stays on.
void input_features(Ctx& ctx, const train::Config& cfg) {
  if (restrictions().hides("features")) return;
  const auto parsed = nn::parse_input_features(cfg.features);
  const std::vector<nn::InputFeature> on = parsed.ok() ? parsed.value() : std::vector<nn::InputFeature>{};
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Inputs");
  help_marker("what the network reads of each point (TF Playground's features): with x₁² and x₂² even a network "
              "without hidden layers separates the circle; an extra feature is a first layer you chose by hand");
  ImGui::BeginDisabled(restrictions().locks("features"));
  const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  for (nn::InputFeature f : nn::kInputFeatures) {
    bool checked = std::find(on.begin(), on.end(), f) != on.end();
    const float w = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(nn::input_feature_label(f)).x;
    ImGui::SameLine();
    if (ImGui::GetCursorScreenPos().x + w > right) ImGui::NewLine();
    ImGui::PushID(static_cast<int>(f));
    if (ImGui::Checkbox(nn::input_feature_label(f), &checked) && !(on.size() == 1 && !checked)) {
      std::vector<nn::InputFeature> next;
      for (nn::InputFeature g : nn::kInputFeatures)
        if (g == f ? checked : std::find(on.begin(), on.end(), g) != on.end()) next.push_back(g);
      ctx.set("features", nn::format_input_features(next));
    }
    ImGui::PopID();
  }
  ImGui::EndDisabled();
}

// The column names of the loaded CSV in file order (the target among them).
std::vector<std::string> csv_columns(const data::CsvData& c) {
  std::vector<std::string> names = c.feature_names;
  const auto at = std::min<std::ptrdiff_t>(c.target_column, static_cast<std::ptrdiff_t>(names.size()));
  names.insert(names.begin() + at, c.target_name);
  return names;
}

class DatasetPanel : public View {
 public:
  void draw(Ctx& ctx) override {
    const train::Config& cfg = ctx.config();
    const data::DatasetInfo& info = ctx.data_info();
    section("Data");
    ImGui::PushItemWidth(-label_space("Validation"));
    std::string value;
    // The menu shows what the session is heading to while a dataset loads.
    if (edit_setting("dataset", ctx.session().target_config(), &value, {.help = false})) ctx.set("dataset", value);
    help_marker(info.about);
    if (!info.image && !info.user) {
      if (edit_setting("noise", cfg, &value)) ctx.set("noise", value);
      if (edit_setting("samples", cfg, &value)) ctx.set("samples", value);
    }
    if (info.family == data::Family::Sequences && edit_setting("seq_len", cfg, &value)) ctx.set("seq_len", value);
    const bool plane = info.sample_shape.rank == 0 || info.sample_shape == Shape{1, 2};
    if (info.family == data::Family::Points && plane && cfg.model == "mlp") input_features(ctx, cfg);
    if (!restrictions().hides("dataset")) own_data(ctx, info);
    if (info.family == data::Family::Functions && edit_setting("function", cfg, &value)) ctx.set("function", value);
    if (edit_setting("val_fraction", cfg, &value)) ctx.set("val_fraction", value);
    ImGui::PopItemWidth();

    const train::SessionStatus s = ctx.session().status();
    if (const data::Dataset* ds = ctx.dataset()) {
      if (ds->regression())
        notef("%s train · %s validation · real targets (regression)", format_count(s.train_size).c_str(),
              format_count(s.val_size).c_str());
      else
        notef("%s train · %s validation · %d classes", format_count(s.train_size).c_str(),
              format_count(s.val_size).c_str(), ds->num_classes);
      if (const data::Dataset* test = ctx.session().test_set())
        notef("test split: %s images", format_count(test->size()).c_str());
    }
  }

 private:
  std::string path_ = "data.csv";  // the desktop's path fields (the web has a file chooser)
  std::string images_path_ = "images";
  std::string message_;
  bool error_ = false;

  // Load CSV… (and, with a CSV loaded, its target column) and Load images…
  // (and, with images loaded, their format); drops go through the model
  // file's drop handler to the same Playground::load_file(s).
  void own_data(Ctx& ctx, const data::DatasetInfo& info) {
    const bool chooser = platform::has_file_chooser();
    ImGui::BeginDisabled(restrictions().locks("dataset"));
    if (ImGui::Button(chooser ? "Load CSV…" : "Load CSV"))
      platform::open_user_file(path_, ".csv,.tsv,.txt", [this, &ctx](Status st, std::string name, std::vector<uint8_t> bytes) {
        const size_t slash = name.find_last_of('/');
        name = slash == std::string::npos ? name : name.substr(slash + 1);
        if (st.ok()) st = ctx.play().load_csv(name, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
        loaded(ctx, st, name);
      });
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("your own table: numeric feature columns and a target column (class labels as numbers or "
                        "text, or real values for regression), header optional; or drop a .csv on the page");
    ImGui::SameLine();
    if (ImGui::Button(chooser ? "Load images…" : "Load images"))
      platform::open_user_files(images_path_, ".zip,.png,.jpg,.jpeg,.bmp",
                                [this, &ctx](Status st, std::vector<platform::UserFile> files) {
                                  st = ctx.load_user_files(st, std::move(files));
                                  images_loaded(ctx, st);
                                });
    ctx.regions["load_images"] = {ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y, ImGui::GetItemRectSize().x,
                                  ImGui::GetItemRectSize().y};
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(chooser ? "your own pictures: a .zip with one folder per class (cats/01.png, dogs/01.jpg), or "
                                  "several images named by class (cat_01.png); or drop a folder on the page"
                                : "the folder (one subfolder per class) or .zip at the path below; or drop one on the window");
    ImGui::EndDisabled();
    if (info.user && info.family == data::Family::Images) image_format(ctx);
    const data::CsvData* csv = ctx.session().csv();
    if (info.user && info.family == data::Family::Points && csv) {
      ImGui::SameLine();
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted("target");
      ImGui::SameLine();
      const std::vector<std::string> names = csv_columns(*csv);
      ImGui::SetNextItemWidth(std::max(80.0f, ImGui::GetContentRegionAvail().x));
      ImGui::BeginDisabled(restrictions().locks("dataset"));
      if (ImGui::BeginCombo("##csv-target", csv->target_name.c_str())) {
        for (size_t i = 0; i < names.size(); ++i)
          if (ImGui::Selectable(names[i].c_str(), static_cast<int>(i) == csv->target_column) &&
              static_cast<int>(i) != csv->target_column)
            loaded(ctx, ctx.play().csv_target(std::to_string(i + 1)), info.title);
        ImGui::EndCombo();
      }
      ImGui::EndDisabled();
    }
    if (!platform::has_file_chooser()) {
      std::string typed;
      if (commit_input("csv path", path_, &typed, ImGui::GetContentRegionAvail().x - label_space("images path"))) path_ = typed;
      if (commit_input("images path", images_path_, &typed, ImGui::GetContentRegionAvail().x - label_space("images path")))
        images_path_ = typed;
    }
    if (!message_.empty()) {
      if (error_) error_text(message_);
      else note(message_.c_str());
    }
  }

  // The loaded images' format: grey 28×28 (MNIST's) or RGB 32×32 (CIFAR's); a change reads them again.
  void image_format(Ctx& ctx) {
    const train::Session::ImagesInfo* images = ctx.session().images();
    if (!images) return;
    static constexpr const char* kFormats[][2] = {{"gray28", "grey 28×28"}, {"rgb32", "RGB 32×32"}};
    data::ImageSetOptions now;
    now.channels = images->channels;
    now.size = images->size;
    const std::string current = data::image_format_text(now);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("read as");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::max(80.0f, ImGui::GetContentRegionAvail().x));
    ImGui::BeginDisabled(restrictions().locks("dataset"));
    const char* shown = current == kFormats[0][0] ? kFormats[0][1] : current == kFormats[1][0] ? kFormats[1][1] : current.c_str();
    if (ImGui::BeginCombo("##image-format", shown)) {
      for (const auto& f : kFormats)
        if (ImGui::Selectable(f[1], current == f[0]) && current != f[0]) {
          error_ = false;
          images_loaded(ctx, ctx.play().image_format(f[0]));
        }
      ImGui::EndCombo();
    }
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("each image is stretched to this size: grey as MNIST, or the three colour planes as CIFAR-10; "
                        "a change reads the images again and starts fresh");
  }

  void images_loaded(Ctx& ctx, const Status& st) {
    error_ = !st.ok();
    const data::DatasetInfo* info = ctx.session().dataset_info(data::kImagesKey);
    message_ = st.ok() ? "Loaded " + std::string(info->title) + ": " + info->about : st.message();
  }

  void loaded(Ctx& ctx, const Status& st, const std::string& name) {
    error_ = !st.ok();
    message_ = st.ok() ? "Loaded " + name + ": " + (ctx.session().dataset_info("csv") ? ctx.session().dataset_info("csv")->about : "")
                       : "Not loaded (nothing changed): " + st.message();
    ctx.report(st.ok() ? Status::Ok() : Error(st.code(), message_));
  }
};

}  // namespace

std::unique_ptr<View> make_dataset_panel() { return std::make_unique<DatasetPanel>(); }

}  // namespace nnplay::ui
