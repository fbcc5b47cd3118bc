// views.h — UI-only state of the network editor and the network views (issue
// 3): which image, node or tab is chosen, textures made from the engine's
// tensors, and caches keyed by what they were made from (step, network,
// dataset) so views that run a forward pass do so on demand or every few
// seconds, never every frame. Nothing here is engine state: every texture and
// count can be thrown away and made again from the session.
//
// Panels (one file each, all App methods; panel_views.cpp puts them in the middle column's "Network" tab):
//   panel_network.cpp          model choice (MLP / zoo with its switches / custom text), cost, model file
//   panel_network_graph.cpp    the network as a table of nodes with DAG edges, shapes, cost, receptive field
//   panel_inspect_maps.cpp     feature maps of one image at every node; the filters of a conv layer
//   panel_inspect_stats.cpp    per-layer activation and gradient statistics over time; BatchNorm running stats
//   panel_confusion.cpp        confusion matrix (computed in slices across frames) and the misclassified samples
//   panel_segmentation.cpp     image, true mask and predicted mask (shapes); sequences with predictions (memory)
//   panel_augment.cpp          augmentation switches and a preview (image datasets)
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "core/tensor.h"
#include "gfx/texture.h"

namespace nnplay::ui {

/// Tabs of the middle column (which exist depends on the dataset family).
enum class ViewTab { None, Main, Network, Maps, Filters, Layers, Confusion };

/// "6.1 M", "612 k", "840": multiply-adds.
inline std::string format_macs(int64_t n) {
  char buf[32];
  if (n >= 1000000) std::snprintf(buf, sizeof buf, "%.1f M", static_cast<double>(n) / 1e6);
  else if (n >= 10000) std::snprintf(buf, sizeof buf, "%.0f k", static_cast<double>(n) / 1e3);
  else std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(n));
  return buf;
}

struct NetViews {
  ViewTab select = ViewTab::None;  // a tab to bring to the front (kept until shown, at most select_frames)
  int select_frames = 0;            // frames left to bring `select` to the front (nested tab bars need two)

  // --- network editor
  std::string custom_text;          // the custom network being edited
  std::string custom_synced;        // config.network the text was last loaded from
  std::string custom_error;         // the last rejected custom network
  std::string fits_key;             // dataset the zoo_fits were computed for
  std::vector<std::string> zoo_unfit;  // per zoo entry: "" = fits the dataset, else why not
  std::string model_path = "nnplay-model.nnp";  // desktop: where Save writes / Load reads
  std::string file_message;         // result of the last save or load
  bool file_error = false;

  // --- network table
  int selected_node = -1;

  // --- feature maps (one chosen validation image, every node)
  int fm_pos = 0;                   // position in the validation split
  int fm_channels = 16;             // channels shown per node
  gfx::Texture fm_tex;
  struct MapBlock {
    int node = 0;
    int x = 0, y = 0;               // atlas position of the first tile
    int tile_w = 0, tile_h = 0;     // one channel (or the whole vector/sequence)
    int tiles = 0, cols = 0;        // tiles shown, tiles per atlas row
    int channels = 0;               // channels the node has
    bool vector = false;            // (1, D) or (1, T, D): one tile for all of it
    std::vector<float> lo, hi;      // per tile value range (for the tooltip)
  };
  std::vector<MapBlock> fm_blocks;
  bool fm_scroll = false;           // scroll to selected_node once (double-click in the network table)
  std::string fm_key;               // what the atlas shows (image, network, step)
  double fm_time = -1e9;
  int fm_prediction = -1;

  // --- filters of a conv layer
  int filt_node = -1;               // node index of the conv layer shown (-1 = the first)
  gfx::Texture filt_tex;
  std::string filt_key;
  double filt_time = -1e9;
  int filt_out = 0, filt_in = 0, filt_kh = 0, filt_kw = 0, filt_cols = 0;

  // --- layer statistics
  int stat_metric = 0;              // 0 grad norm, 1 ∂L/∂y RMS, 2 activation mean±std, 3 dead share
  int stat_filter = -1;             // -1 auto (by metric), 0 layers with weights, 1 activations, 2 all
  int bn_node = -1;

  // --- confusion matrix, computed in slices across frames
  struct Confusion {
    std::string key;                // dataset + split + network it belongs to
    bool running = false;
    size_t next = 0;                // position in `val`
    std::vector<int32_t> val;
    int classes = 0;
    std::vector<int64_t> counts;    // classes × classes, row = true class
    std::vector<int32_t> wrong, wrong_pred;
    int64_t step_from = 0, step_to = 0;
    double per_sample_ms = 1.0;     // measured cost, sizes the slices
    double done_time = -1e9;
  } cm, cm_done;                    // the one being computed, the last finished one (shown)
  int cm_filter_true = -1, cm_filter_pred = -1;  // clicked cell: list only those
  std::string wrong_key;            // what wrong_tex shows
  bool cm_auto = true;
  gfx::Texture wrong_tex;
  std::vector<int32_t> wrong_tex_idx;  // samples in the texture, in atlas order

  // --- segmentation / sequences
  gfx::Texture seg_tex;
  std::string seg_key;
  double seg_time = -1e9;
  std::vector<int32_t> seg_idx;
  std::vector<float> seg_acc;       // pixel accuracy per shown sample
  std::vector<int> seq_pred;
  std::vector<float> seq_conf;
  std::string seq_key;
  double seq_time = -1e9;

  // --- augmentation preview
  gfx::Texture aug_tex;
  std::string aug_key;
  double aug_time = -1e9;
  uint64_t aug_draw = 0;

  double samples_cost_ms = 0;       // the image grid's last predict() (paces its refresh)

  Tensor x, logits;                 // scratch for predict()
};

}  // namespace nnplay::ui
