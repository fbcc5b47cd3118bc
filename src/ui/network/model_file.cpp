// model_file.cpp — save / load the network as one file (editors.h).
#include "imgui.h"
#include "platform/platform.h"
#include "train/export_onnx.h"
#include "train/export_pytorch.h"
#include "ui/network/editors.h"
#include "ui/widgets.h"

namespace nnplay::ui {

void ModelFile::draw(Ctx& ctx) {
  if (!takes_drops_) {
    takes_drops_ = true;
    platform::set_drop_handler([this, &ctx](Status st, std::vector<platform::UserFile> files) {
      loaded(ctx, st, std::move(files));
    });
  }
  const bool chooser = platform::has_file_chooser();
  ImGui::Spacing();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Model file");
  ImGui::SameLine();
  if (ImGui::Button("Save")) {
    const std::vector<uint8_t> bytes = ctx.session().save();
    auto where = platform::save_user_file(chooser ? "nnplay-model.nnp" : path_, bytes);
    error_ = !where.ok();
    message_ = where.ok() ? "Saved " + format_bytes(static_cast<double>(bytes.size())) + " to " + where.value()
                          : where.status().message();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("the settings, every weight and the batch-norm statistics, in one file");
  ImGui::SameLine();
  if (ImGui::Button(chooser ? "Load…" : "Load"))
    platform::open_user_file(path_, ".nnp,.onnx", [this, &ctx](Status st, std::string name, std::vector<uint8_t> bytes) {
      std::vector<platform::UserFile> files;
      files.push_back({std::move(name), std::move(bytes)});
      loaded(ctx, st, std::move(files));
    });
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(chooser ? "choose a .nnp file, or an .onnx model (e.g. from torch.onnx.export: its graph becomes "
                                "the custom network), or drop one on the page"
                              : "load the path below (.nnp or .onnx), or drop one on the window");
  start_from(ctx);
  export_pytorch(ctx);
  ImGui::SameLine();
  export_onnx(ctx);
  if (!chooser) {
    std::string typed;
    if (commit_input("path", path_, &typed, ImGui::GetContentRegionAvail().x - label_space("path"))) path_ = typed;
  }
  if (message_.empty()) return;
  if (error_) error_text(message_);
  else note(message_.c_str());
}

namespace {
std::string base_name(const std::string& name) {
  const size_t slash = name.find_last_of('/');
  return slash == std::string::npos ? name : name.substr(slash + 1);
}
}  // namespace

void ModelFile::loaded(Ctx& ctx, Status st, std::vector<platform::UserFile> files) {
  const std::string base = files.size() == 1 ? base_name(files[0].name) : "";  // several: images
  st = ctx.load_user_files(st, std::move(files));  // data (a .csv, images) or a model file
  error_ = !st.ok();
  if (!st.ok()) {
    message_ = st.message();
    return;
  }
  const data::DatasetInfo* data = ctx.session().dataset_info(ctx.session().target_config().dataset);
  message_ = data && data->user && (base.empty() || base == data->title)
                 ? "Loaded " + std::string(data->title) + " as the dataset: " + data->about
                 : "Loaded " + base + ": " + ctx.config().model + " on " + ctx.session().target_config().dataset +
                       (ctx.session().loading() ? " (loading the dataset…)" : "");
}

void ModelFile::start_from(Ctx& ctx) {
  const bool chooser = platform::has_file_chooser();
  if (ImGui::Button(chooser ? "Start from…" : "Start from"))
    platform::open_user_file(path_, ".nnp,.onnx", [this, &ctx](Status st, std::string name, std::vector<uint8_t> bytes) {
      started(ctx, st, name, std::move(bytes));
    });
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("transfer learning: keep this network, its settings and data, and take the file's weights "
                      "where a layer's name and shape match; the rest starts fresh; training restarts at step 0");
  ImGui::SameLine();
  ImGui::Checkbox("fresh output layer", &fresh_head_);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Start from… leaves the output layer (the classifier) freshly initialised even when it fits: "
                      "for a new task whose classes mean something else");
}

void ModelFile::export_pytorch(Ctx& ctx) {
  const bool pressed = ImGui::Button("Export to PyTorch");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("model.py (an nn.Module with PyTorch's layers, skip connections written out), weights.npz "
                      "(its state_dict) and sample.npz, in one zip; unzip it and run python3 model.py");
  if (!pressed) return;
  save_export(ctx, "PyTorch", "pytorch", train::export_pytorch(ctx.session()), "(unzip it, then python3 {}/model.py)");
}

void ModelFile::export_onnx(Ctx& ctx) {
  const bool pressed = ImGui::Button("Export to ONNX");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("model.onnx (opset 13, the weights inside) and a sample with nnplay's outputs in ONNX's "
                      "test layout, in one zip; for onnxruntime, OpenCV, TensorRT, ...");
  if (!pressed) return;
  save_export(ctx, "ONNX", "onnx", train::export_onnx(ctx.session()), "(unzip it: {}/model.onnx)");
}

void ModelFile::save_export(Ctx& ctx, const std::string& what, const std::string& suffix,
                            const Result<std::vector<train::ExportFile>>& files, const std::string& hint) {
  // Beside the model path on the desktop: "runs/net.nnp" -> "runs/net-pytorch.zip".
  std::string stem = platform::has_file_chooser() ? "nnplay-model" : path_;
  if (stem.size() > 4 && stem.compare(stem.size() - 4, 4, ".nnp") == 0) stem.resize(stem.size() - 4);
  const std::string folder = base_name(stem) + "-" + suffix;
  auto zip = files.ok() ? train::export_zip(files.value(), folder) : Result<std::vector<uint8_t>>(files.status());
  Result<std::string> where =
      zip.ok() ? platform::save_user_file(stem + "-" + suffix + ".zip", zip.value()) : Result<std::string>(zip.status());
  error_ = !where.ok();
  std::string note = hint;
  if (const size_t at = note.find("{}"); at != std::string::npos) note.replace(at, 2, folder);
  message_ = where.ok() ? "Exported to " + what + ": " + where.value() + " " + note
                        : "Not exported: " + where.status().message();
  if (!where.ok()) ctx.report(Error(where.status().code(), message_));
}

void ModelFile::started(Ctx& ctx, Status st, const std::string& name, std::vector<uint8_t> bytes) {
  const std::string base = base_name(name);
  Result<train::Transfer> t = st;
  if (st.ok()) {
    ctx.play().add_model_file(base, std::move(bytes));
    t = ctx.play().init_from(base, -1, !fresh_head_);
  }
  error_ = !t.ok();
  if (!t.ok()) {
    message_ = "Not started from " + base + " (nothing changed): " + t.status().message();
    ctx.report(Error(t.status().code(), message_));
    return;
  }
  ctx.report(Status::Ok());
  message_ = "Started from " + t.value().text() + (ctx.session().loading() ? " (once the dataset has loaded)" : "");
}

}  // namespace nnplay::ui
