// session.h — the engine's one public surface for the app, the web API, the
// URL and the CLI. Everything that changes a session is a Command through
// apply(); everything a UI shows comes from status() and the read-only views.
//
// Commands: a list of (key, value) settings from the config table
// (train/config.h) plus an optional action (train, pause, step, reset).
// apply() validates every setting before changing anything: a bad command
// returns an error and leaves the session exactly as it was.
//
// What a change rebuilds:
//   dataset, function (of the regression set), noise, samples, val_fraction, train_limit, seed,
//   init, init_scale                                          -> data, model, progress: a fresh start
//   model, network, layers, loss                              -> the network: layers whose name,
//       type and shapes are unchanged keep their weights and optimizer state;
//       progress and curves continue, with an event marking the edit
//   optimizer kind                                            -> optimizer state (weights kept)
//   lr, schedule, momentum, betas, eps, weight_decay, ...     -> take effect on the next step
//   batch_size                                                -> next step (weights kept)
// Switching between 2D and image datasets also swaps in family defaults
// (train/config.h) for the settings the same command does not give.
//
// Image data arrives asynchronously: while wanted_files() is not empty the
// host (app, CLI, test) reads each file and calls provide_file() or
// fail_file(). The previous dataset stays active until the new one has
// loaded and parsed; a failure keeps it and reports the error.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "data/catalog.h"
#include "data/csv.h"
#include "data/image_set.h"
#include "data/dataset.h"
#include "nn/model.h"
#include "optim/optimizer.h"
#include "train/checkpoint.h"
#include "train/config.h"
#include "train/trainer.h"

namespace nnplay::train {

enum class Action { None, Train, Pause, Step, Reset };
const char* action_key(Action a);  // "none", "train", "pause", "step", "reset"
Result<Action> parse_action(const std::string& key);

struct Command {
  std::vector<std::pair<std::string, std::string>> set;  // config key -> value text
  Action action = Action::None;
  int steps = 1;  // for Action::Step
};

struct LoadProgress {
  std::string file;
  int64_t loaded = 0, total = 0;  // bytes; total 0 = unknown
  int files_done = 0, files_total = 0;
};

struct SessionStatus {
  std::string dataset;
  std::string layers;  // "8:tanh,8:tanh"
  std::string model;   // "mlp", "custom" or a zoo entry: "resnet(depth=8,skip=0)"
  std::string architecture;  // MLP: "2-8-8-1"; else the model text, "resnet(depth=20,skip=0)"
  std::string optimizer;
  float lr = 0;          // configured (base) learning rate
  float lr_now = 0;      // the rate the next step uses (after the schedule)
  std::string schedule;  // "" = constant
  int batch_size = 0;
  int64_t step = 0;
  double epoch = 0;  // fractional
  float loss_train = 0, acc_train = 0, loss_val = 0, acc_val = 0;
  bool has_metrics = false;
  double samples_per_sec = 0;
  int threads = 1;  // parallel::num_threads(): threads splitting each convolution's batch
  bool running = false;
  bool loading = false;
  /// While a dataset loads: the settings the session is heading to (every
  /// config key, as text, config_fields()); the fields above still describe
  /// the network that runs until the data is in. Empty otherwise.
  std::map<std::string, std::string> target;
  LoadProgress progress;
  std::string last_error;
  bool diverged = false;  // the run paused itself: its loss became NaN/inf or exploded (last_error says which)
  std::string diagnosis;  // not an error: a run that is not learning (Trainer::diagnosis)
  std::string reading;    // the curves read as the lecture does: overfitting, underfitting, ... (curve_reading.h)
  std::string init_from;  // the weights started from a model file: "6 of 8 tensors taken from pre.nnp" ("" if not)
  int64_t num_params = 0;
  int64_t macs_per_sample = 0;
  int train_size = 0, val_size = 0;
  /// Network edits during training (trainer().events()): (step, "model=resnet(skip=0) (20 of 26 tensors kept)").
  std::vector<std::pair<int64_t, std::string>> events;
};

/// What a view drew from: equal versions mean the same network with the same
/// weights. `network` changes when the network is rebuilt (new data, an edit,
/// a loaded file); `weights` when weights are replaced (also on a reset or a
/// load); `step` with every optimizer step.
struct SessionVersion {
  uint64_t network = 0;
  uint64_t weights = 0;
  int64_t step = 0;
  bool operator==(const SessionVersion&) const = default;
};

class Session {
 public:
  /// Most steps one Step action may run.
  static constexpr int kMaxSteps = 100000;

  Session();
  explicit Session(const Config& initial);

  Status apply(const Command& cmd);
  /// What apply(cmd) would answer, without changing anything (a race checks
  /// a shared setting on every lane before it applies it to any).
  Status check(const Command& cmd) const;
  /// Trains while running (and finishes pending evaluations) for budget_ms.
  /// A diverging run pauses, records last_error and returns NON_FINITE.
  Status run_for(double budget_ms);
  /// The `speed` setting (steps per second): pace() adds the steps the time
  /// since the last call allows (run_for() calls it); throttled() is true
  /// while none is left.
  void pace();
  bool throttled() const;

  SessionStatus status() const;
  const Config& config() const { return config_; }
  /// The config the session is heading to: the pending one while a dataset
  /// loads (it becomes config() when the data is in), else config().
  const Config& target_config() const { return pending_ ? pending_->config : config_; }
  /// Changes whenever the network or its weights change (see SessionVersion).
  SessionVersion version() const { return {version_.network, version_.weights, trainer_.step_count()}; }
  /// The memory a network may plan (parameters, gradients, optimizer moments,
  /// activations for the batch), in bytes; 16 GiB unless the front end sets
  /// another default for new sessions (the web app: 1.25 GiB, as a tab's
  /// WebAssembly heap ends at 2 GiB). A network over it is refused with
  /// RESOURCE_EXHAUSTED before anything is allocated.
  static double default_memory_budget();
  static void set_default_memory_budget(double bytes);
  void set_memory_budget(double bytes) { memory_budget_ = bytes; }
  /// The config as the URL/CLI would write it: only keys that differ from
  /// the defaults for its dataset family.
  std::vector<std::pair<std::string, std::string>> config_delta() const;

  // --- asynchronous data loading protocol (see the file comment)
  std::vector<std::string> wanted_files() const;
  void provide_file(const std::string& file, std::vector<uint8_t> bytes);
  void fail_file(const std::string& file, const std::string& message);
  void file_progress(const std::string& file, int64_t loaded, int64_t total);
  bool loading() const { return pending_ != nullptr; }

  // --- read-only views for panels
  const nn::Model& model() const { return model_; }
  /// The spec the model was built from (node i of model() runs layers[i-1]).
  const nn::ModelSpec& spec() const { return spec_; }
  const Trainer& trainer() const { return trainer_; }
  const data::Dataset* dataset() const { return active_; }
  /// Test split of the active dataset (empty when it has none).
  const data::Dataset* test_set() const;
  /// Eval-mode outputs for x: (n, input...) -> logits (n, C). Does not
  /// disturb training (no RNG, no metrics).
  Status predict(const Tensor& x, Tensor* logits);
  /// Loss and accuracy on the dataset's test split (NOT_FOUND if none).
  Result<loss::LossOutput> evaluate_test();
  /// Loss and accuracy (eval mode) on the first `max_samples` of the
  /// training split (`training`) or of the validation split.
  Result<loss::LossOutput> evaluate_split(bool training, size_t max_samples);

  // --- model files (train/checkpoint.h)
  /// The settings, weights and buffers of the current network.
  std::vector<uint8_t> save() const;
  /// Restores a saved network: its settings are applied as one command, then
  /// its weights; training restarts from step 0 with them ("pretrained").
  /// A damaged or foreign file, or one whose tensors do not fit the network
  /// its settings describe, returns an error and changes nothing.
  /// An ONNX model (train/import_onnx.h) loads the same way: its graph
  /// becomes the custom network, on this session's other settings, with the
  /// dataset kept when its samples fit the model's input (else the first
  /// dataset that fits).
  Status load(std::span<const uint8_t> bytes, const std::string& file);
  /// Transfer learning: starts the current network from a model file's
  /// weights and keeps this session's settings and data. Every parameter and
  /// buffer whose node name ("3.linear"), tensor name and shape match a
  /// tensor of the file is taken from it; the others (e.g. a classifier head
  /// for another number of classes) get the seed's fresh initialisation;
  /// training restarts at step 0, paused. While a dataset loads, the file is
  /// matched against the network heading there and applied once the data is
  /// in. With `head` false the output layer starts fresh even when its shape
  /// fits (a new task's classifier). Returns how many tensors were taken (status().init_from says so
  /// until a reset, a fresh start or a load replaces the weights).
  /// Errors, changing nothing: DATA_CORRUPT / PARSE_ERROR for a damaged or
  /// foreign file (read_checkpoint), SHAPE_MISMATCH when no tensor fits.
  Result<Transfer> init_from(std::span<const uint8_t> bytes, const std::string& file, bool head = true);

  // --- the user's own data (data/csv.h, data/image_set.h)
  /// Reads CSV text as the dataset "csv" and switches to it as a dataset
  /// switch would (the 2D family's defaults; MSE for a real-valued target,
  /// cross-entropy for classes): a fresh start on the new data, paused. The
  /// text is kept, so a later call may choose another target column.
  /// `target`: "" for the last column, a header name or a column number from
  /// 1; `file` names it in messages and in the dataset menu. Errors, changing
  /// nothing (the current data stays): the parser's DATA_CORRUPT /
  /// RESOURCE_EXHAUSTED / INVALID_ARGUMENT prefixed with the file
  /// ("marks.csv: line 7, column 3 (\"age\"): ..."), or why the current
  /// network cannot take the new data.
  Status load_csv(std::string_view text, const std::string& file, const std::string& target = "");
  /// Reads image files (paths with their folders: "cats/01.png") as the
  /// dataset "images" (data/image_set.h: one folder per class) and switches
  /// to it as load_csv does (the image family's defaults, a fresh start,
  /// paused). `channels` 1 (grey) or 3 (RGB), `size` the side in pixels (28
  /// and 32 are what the app offers). The files are kept, so a later call
  /// may choose another format. `label` names them in messages and the menu
  /// ("pets.zip", "12 files"). Errors, changing nothing: the parser's, prefixed
  /// with `label`, or why the current network cannot take the images.
  Status load_images(std::vector<data::ImageFile> files, const std::string& label, int channels = 1, int size = 28);
  /// The loaded images again in another format (load_images' `channels`,
  /// `size`); NOT_FOUND before images were loaded, else load_images' errors.
  Status set_image_format(int channels, int size);
  /// The user's own data `key` ("csv", "images") of `from` (its CSV with its
  /// target, its images in their format) loaded here too, as load_csv and
  /// load_images would (a race lane runs on the student's data this way).
  /// Errors: NOT_FOUND when `from` has none; else theirs (the data was read
  /// once already, so only a network that cannot take it).
  Status copy_user_data(const Session& from, const std::string& key);
  bool has_user_data(const std::string& key) const { return user_.count(key) > 0; }
  /// The dataset `key` as this session knows it: for "csv" and "images" the
  /// loaded data's own entry (its classes, sample shape and file name), else
  /// the catalog's; nullptr for an unknown key.
  const data::DatasetInfo* dataset_info(const std::string& key) const;
  /// The loaded CSV's columns and scaling (data::CsvData without its
  /// samples, which are the dataset "csv"); nullptr before one was loaded.
  const data::CsvData* csv() const;
  /// Reads the loaded CSV again with another target column (load_csv's
  /// `target`); NOT_FOUND before a CSV was loaded, else load_csv's errors.
  Status set_csv_target(const std::string& target);
  /// The loaded images: what they are and how they were read.
  struct ImagesInfo {
    std::string label;   // "pets.zip"
    int files = 0;       // files given (images and the rest)
    int ignored = 0;     // files that were not images (or hidden)
    std::string ignored_example;
    int channels = 1, size = 28;
  };
  /// nullptr before images were loaded.
  const ImagesInfo* images() const;

 private:
  struct Pending {
    Config config;
    Action after = Action::None;
    std::vector<std::string> files;
    std::map<std::string, std::vector<uint8_t>> received;
    LoadProgress progress;
    std::unique_ptr<Checkpoint> weights;  // from load(): applied once the data is in
    std::unique_ptr<Checkpoint> init;     // from init_from(): applied once the data is in
    std::string init_file;
    bool init_head = true;
  };
  /// Everything a config needs that differs from the current one, built and
  /// checked without touching the session (apply's "validate, then commit").
  struct Plan {
    bool fresh = false;    // new data or a new init: new weights, progress cleared
    bool rebuild = false;  // a new network (fresh, or an edit that keeps matching weights)
    const data::Dataset* pool = nullptr;
    bool redata = false;   // only the clicked points changed: the edited set, the same weights and progress
    std::unique_ptr<data::Dataset> toy;  // a newly generated set (fresh or redata, not from files)
    int generated = 0;     // toy's samples before the clicked points were added
    nn::ModelSpec spec;
    nn::Model model;  // built when rebuild (weights not yet initialised)
    int eval_chunk = 0;
    std::vector<int32_t> train_idx, val_idx;  // fresh
    std::unique_ptr<optim::LRScheduler> schedule;  // fresh, or the schedule changed
  };
  static data::Dataset generate(const Config& c);
  Result<nn::ModelSpec> model_spec_for(const Config& c, const Shape& input, int outputs) const;
  /// RESOURCE_EXHAUSTED when the network with c's batch size would plan more
  /// memory than the budget; `probe` is built for one sample.
  Status check_budget(const nn::ModelSpec& spec, const Shape& input, const Config& c, nn::Model* probe,
                      int* eval_chunk) const;
  Status build_model(const nn::ModelSpec& spec, const Shape& input, const Config& c, nn::Model* model,
                     int* eval_chunk) const;
  static std::string describe_change(const Config& a, const Config& b);
  /// The config a command leads to (settings parsed and checked one by one).
  Result<Config> next_config(const Command& cmd) const;
  /// `new_data`: the dataset under the same key changed (a new CSV file): a fresh start.
  Result<Plan> make_plan(const Config& c, bool new_data = false) const;
  /// make_plan's checks of the network for a dataset whose files have not
  /// arrived yet (against the catalog's sample shape and classes).
  Status check_before_data(const Config& c) const;
  /// Installs a plan; fails only when finishing the work in progress fails
  /// (then nothing changed).
  Status commit(Plan p, const Config& c);
  Status do_action(Action a, int steps);
  /// last_error_ and its code (status().diverged reads the code).
  void record_error(const Status& st);
  /// The network the session heads to while a dataset loads, built for the catalog's sample shape.
  Status heading_network(nn::Model* probe) const;
  /// A model file or an ONNX model (read as a model file on this session's settings).
  Result<Checkpoint> read_model(std::span<const uint8_t> bytes, const std::string& file) const;
  /// init_from's change: fresh weights, the file's matching tensors, progress cleared.
  Transfer start_from(const Checkpoint& ck, const std::string& file, bool head);
  Status finish_pending();

  Config config_;
  std::map<std::string, std::unique_ptr<data::Dataset>> cache_;  // parsed datasets by key (+ "#test")
  std::unique_ptr<data::Dataset> toy_;  // current generated 2D set
  const data::Dataset* active_ = nullptr;
  nn::Model model_;
  nn::ModelSpec spec_;
  std::unique_ptr<optim::Optimizer> opt_;
  std::unique_ptr<optim::LRScheduler> schedule_;
  Trainer trainer_;
  std::unique_ptr<Pending> pending_;
  /// The user's own data, by key ("csv", "images"): what a later call needs
  /// to read it again (the CSV's text, the image files), its columns or
  /// format, and its catalog entry (pointing into `file` and `about`).
  struct UserData {
    std::string file, about;
    data::DatasetInfo info;
    std::string csv_text;
    data::CsvData csv;  // its `dataset` is moved into cache_["csv"]
    std::vector<data::ImageFile> image_files;
    ImagesInfo images;
  };
  /// Switches to the user's data `key` (made into `data`, described by
  /// `user`) as a dataset switch would; puts the old ones back when the
  /// network cannot take it. Errors are prefixed with user->file.
  Status install_user_data(const std::string& key, std::unique_ptr<UserData> user,
                           std::unique_ptr<data::Dataset> data);
  std::map<std::string, std::unique_ptr<UserData>> user_;
  bool running_ = false;
  std::string last_error_;
  ErrorCode last_error_code_ = ErrorCode::INVALID_ARGUMENT;  // of last_error_ (meaningful when it is set)
  std::string transfer_;  // status().init_from
  Tensor predict_x_;
  double memory_budget_ = default_memory_budget();
  double speed_credit_ = 0;    // steps the `speed` setting allows now
  double speed_clock_ms_ = -1; // when the credit was last topped up (-1: not running)
  struct {
    uint64_t network = 0, weights = 0;
  } version_;
};

}  // namespace nnplay::train
