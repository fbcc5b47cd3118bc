// editors.h — the parts of the Network panel (model_panel.cpp), one file
// each: the MLP's hidden layers, a zoo network's switches, a network written
// as text, and the model file (save / load). Every edit builds the new value
// of a config key ("layers", "model", "network") and applies it through the
// Ctx; the session keeps the weights of the layers an edit did not change
// and marks the curves.
#pragma once

#include <string>
#include <vector>

#include "train/export_pytorch.h"
#include "platform/platform.h"
#include "ui/context.h"

namespace nnplay::ui {

/// The MLP's hidden layers: width | activation | remove, add, the text form.
void mlp_editor(Ctx& ctx);
/// The zoo entry's switches (checkboxes), numbers and choices, generated
/// from the zoo table (nn::zoo_args), and the model text.
void zoo_editor(Ctx& ctx);

/// A custom network as text, one layer per line: a draft that applies on
/// "Apply network", and a menu that inserts a layer's template.
class CustomEditor {
 public:
  void draw(Ctx& ctx);
  /// Switches to model=custom starting from the network being trained.
  void start_from_current(Ctx& ctx);

 private:
  std::string draft_;   // the text being edited
  std::string synced_;  // config.network the draft was last loaded from
  std::string error_;   // the last refused network
};

/// Save / load the network (settings, weights, batch-norm statistics) as one
/// file: a download and the file chooser on the web, a path (or a file
/// dropped on the window) on the desktop; export it to PyTorch.
class ModelFile {
 public:
  /// Also takes files dropped on the window (from the first draw on).
  void draw(Ctx& ctx);

 private:
  /// A model file or data the user gave (chosen, dropped); sets message_.
  void loaded(Ctx& ctx, Status st, std::vector<platform::UserFile> files);
  /// "Start from…": transfer learning (Playground::init_from) with the chosen file.
  void start_from(Ctx& ctx);
  void started(Ctx& ctx, Status st, const std::string& name, std::vector<uint8_t> bytes);
  /// "Export to PyTorch": model.py, weights.npz and sample.npz (train/export_pytorch.h)
  /// in one zip: a download on the web, written beside the model path on the desktop.
  void export_pytorch(Ctx& ctx);
  /// "Export to ONNX": model.onnx and test_data_set_0/{input_0,output_0}.pb
  /// (train/export_onnx.h) in one zip, downloaded or saved as export_pytorch.
  void export_onnx(Ctx& ctx);
  /// The zip of one export: a download on the web, beside the model path on
  /// the desktop ("runs/net.nnp" -> "runs/net-<suffix>.zip"); sets message_.
  void save_export(Ctx& ctx, const std::string& what, const std::string& suffix,
                   const Result<std::vector<train::ExportFile>>& files, const std::string& hint);
  bool fresh_head_ = false;                // Start from…: leave the output layer fresh
  std::string path_ = "nnplay-model.nnp";  // desktop: where Save writes / Load reads
  std::string message_;                    // result of the last save or load
  bool error_ = false;
  bool takes_drops_ = false;
};

}  // namespace nnplay::ui
