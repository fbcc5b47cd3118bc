// playground.h — the engine state behind one app window or page, and the one
// command path into it: the training Session, the optimizer Race, and the
// front end's views. window.nnplay.command, the URL, the app's widgets and
// nnplay-train all go through here; tests drive it the same way.
//
// A command is one JSON object (session_json.h, race_json.h):
//   {"lr": 0.1, "action": "train"}         the session's settings and action
//   {"race": [{...}, {...}], ...}          the optimizer race (race_json.h)
//   {"view": "maps", ...}                  also bring a view to the front
//   {"lesson": "relu-vs-sigmoid"}          set a lesson up (lessons.h); with
//                                          "action": "train" also run it
//   {"init_from": "pre.nnp"}               start the network from a model
//                                          file's matching weights (transfer
//                                          learning, Session::init_from); with
//                                          "race": true, "lane": i a race lane's;
//                                          "head": false leaves the output layer fresh.
//                                          The file was given by name first
//                                          (add_model_file: the app's chooser,
//                                          a lesson's source run).
//   {"load_model": "<base64>",             a model file (.nnp, or an ONNX model)
//    "name": "net.nnp"}                    replaces the network, its settings
//                                          and weights (Session::load); the
//                                          page's window.nnplay.loadModel.
//   {"load_csv": "<text>",                 the user's own data (Session::load_csv):
//    "name": "marks.csv",                  dataset "csv", a fresh start on it;
//    "target": "grade"}                    target: a column name or number (default: the last)
//   {"csv_target": "grade"}                the loaded CSV again, with another target column
//   {"load_images": "<base64 zip>"         the user's images (Session::load_images):
//    or [{"path": "cats/1.png",            a zip with one folder per class, or
//         "bytes": "<base64>"}, ...],      files with their folders; dataset
//    "name": "pets.zip",                   "images", a fresh start on it;
//    "format": "gray28"}                   format gray28 (default) or rgb32
//   {"image_format": "rgb32"}              the loaded images again, in another format
//   {"export": "pytorch"}                  the network out to PyTorch
//                                          (export_pytorch.h): command_reply's
//                                          "files" hold model.py (text),
//                                          weights.npz and sample.npz (base64);
//                                          nothing changes.
//   {"export": "onnx"}                     the network out to ONNX (export_onnx.h):
//                                          "files" hold model.onnx,
//                                          test_data_set_0/input_0.pb and
//                                          output_0.pb (base64); nothing changes.
// A command is validated whole before anything changes: a refused command
// changes nothing, including the view.
//
// Views belong to the front end (the app's view table); the engine knows only
// their names. The front end registers them with set_views(): which names
// exist, whether one can show a dataset, how to select one and which one is
// showing (for status()). Without a front end (nnplay-train, tests) a command
// with a "view" is refused.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "data/catalog.h"
#include "data/image_set.h"
#include "train/challenge.h"
#include "train/export_onnx.h"
#include "train/export_pytorch.h"
#include "train/lessons.h"
#include "train/race.h"
#include "train/session.h"

namespace nnplay::train {

struct ViewHooks {
  /// Every view name, in the order the front end lists them (for error texts).
  std::vector<std::string> names;
  /// OK when `name` can show `data`; else why not (FAILED_PRECONDITION-like
  /// UNSUPPORTED with a message). Called only for names in `names`.
  std::function<Status(const std::string& name, const data::DatasetInfo& data)> check;
  /// Brings the view to the front (it may appear only once data has loaded).
  std::function<void(const std::string& name)> select;
  /// The view in front ("" when none).
  std::function<std::string()> current;
};

/// What a link (URL hash, command line) did: settings it could not apply,
/// and keys no setting has (a course page's own parameters, typos).
struct LinkReport {
  std::vector<std::string> problems;      // "lr='-1': expected a number > 0 and <= 10"
  std::vector<std::string> unknown_keys;  // "utm_source"
  /// The page's own keys (is_page_key) as written, "parent_origin=https://a.org":
  /// not applied and not reported, kept in the URL the app writes back.
  std::vector<std::string> page_items;
  bool ok() const { return problems.empty() && unknown_keys.empty(); }
  /// One compact paragraph for the UI ("" when ok()).
  std::string summary() const;
};

class Playground {
 public:
  Playground();

  Session& session() { return session_; }
  const Session& session() const { return session_; }
  Race& race() { return race_; }
  const Race& race() const { return race_; }

  void set_views(ViewHooks hooks) { views_ = std::move(hooks); }
  /// The registered view names ("" joined by ", ").
  std::string view_names() const;

  /// One command as JSON text (window.nnplay.command).
  Status command(const std::string& json);
  /// command() with its reply: {"ok":true,"status":{...}} or {"ok":false,"error":"CODE: message"}.
  std::string command_reply(const std::string& json);
  /// The session's Commands (the app's widgets): a settings change and/or an action.
  Status apply(const Command& cmd) { return session_.apply(cmd); }
  /// The race's commands (the race view's widgets); new lanes start from the session's settings.
  Status apply(const RaceCommand& cmd) { return race_.apply(cmd, session_.config(), &session_); }
  /// A link "key=value&...": applied as one command; if that is refused, key
  /// by key (actions and "view" last), so a bad value costs only its own key.
  LinkReport apply_link(const std::string& query);
  /// status() as JSON: the session's, "race" (race_json.h) and "view".
  std::string status_json() const;
  /// The link's challenge (challenge.h; inactive without goal=) and how far the session got.
  const Challenge& challenge() const { return challenge_; }
  const ChallengeProgress& challenge_progress() const { return progress_; }
  /// What a page may offer a user to choose from (window.nnplay.catalog()):
  /// {"ok":true,"datasets":[{"key","title","family"}],"lessons":[{"id","section","title"}]}.
  static std::string catalog_json();

  /// Trains for about budget_ms: the session while it runs and the race
  /// while it runs (half each when both run). A lesson whose run has ended
  /// is judged here.
  Status run_for(double budget_ms);

  // --- lessons (lessons.h)
  /// Sets a lesson up with `seed` (its lanes train when `train`); the "lessons"
  /// view comes to the front when the front end has one.
  Status start_lesson(const std::string& id, uint64_t seed, bool train, bool paced = true);
  /// The lesson set up last (nullptr: none).
  const Lesson* lesson() const { return lesson_; }
  /// Its outcome, once its run has ended (a lesson without a run: at once);
  /// null while it runs or after its race was reset.
  const Verdict* verdict() const { return verdict_ ? &*verdict_ : nullptr; }

  /// A lesson's source run (LessonPretrain) while it trains before the race; nullptr otherwise.
  const Session* lesson_source() const { return source_.get(); }
  /// What the lesson's source run did ("pretrained 300 steps on MNIST digits
  /// (training loss 0.41); pretrained: 10 of 10 tensors taken from
  /// pretrained-start-source.nnp"), "" before it ended; the failure when it failed.
  const std::string& pretrain_note() const { return pretrain_note_; }

  // --- export
  /// {"export": format}: the session's network as files ("pytorch":
  /// train/export_pytorch.h, "onnx": train/export_onnx.h); changes nothing.
  /// Errors: INVALID_ARGUMENT for another format or another key beside it,
  /// the exporter's otherwise.
  Result<std::vector<ExportFile>> export_command(const nlohmann::json& j);

  // --- model files
  /// Loads a model file (Session::load: .nnp, or ONNX by its content) named
  /// `name` (for messages): its settings, network and weights replace the
  /// session's; training restarts at step 0. The app's Load button, drops
  /// and {"load_model": base64} come here. Errors: Session::load's; a
  /// refusal changes nothing.
  Status load_model(const std::string& name, std::span<const uint8_t> bytes);
  /// The user's own data: CSV text as dataset "csv" (Session::load_csv; the
  /// data view comes to the front). The app's Load CSV…, drops of a .csv and
  /// {"load_csv": text} come here. Errors: Session::load_csv's.
  Status load_csv(const std::string& name, std::string_view text, const std::string& target = "");
  /// A file the user gave (a drop, a chooser): .csv/.tsv/.txt as data
  /// (load_csv), a .zip or an image as images (load_files), anything else as
  /// a model file (load_model).
  Status load_file(const std::string& name, std::span<const uint8_t> bytes);
  /// The user's own images as dataset "images" (Session::load_images; the
  /// data view comes to the front). `label` names them ("pets.zip"),
  /// `format` as data::parse_image_format reads it ("gray28", "rgb32").
  /// Errors: INVALID_ARGUMENT for the format, else Session::load_images'.
  Status load_images(std::vector<data::ImageFile> files, const std::string& label,
                     const std::string& format = "gray28");
  /// The loaded images in another format ({"image_format": "rgb32"}; Session::set_image_format).
  Status image_format(const std::string& format);
  /// Several files given at once (a drop, a chooser, a folder on the CLI):
  /// one file goes to load_file; otherwise, or for a .zip, they are images:
  /// each zip's entries (core/zip.h) and the image files together, named
  /// by the zip, the folder they share ("pets") or their count ("12 files").
  /// Errors: read_zip's and load_images', prefixed with the label.
  Status load_files(std::vector<data::ImageFile> files, const std::string& format = "gray28");
  /// The loaded CSV with another target column ({"csv_target": name or number}; Session::set_csv_target).
  Status csv_target(const std::string& target);
  // --- model files for transfer learning
  /// Keeps a model file (.nnp bytes) under `name` for {"init_from": name}; a
  /// file of the same name is replaced. Nothing is checked until it is used.
  void add_model_file(const std::string& name, std::vector<uint8_t> bytes);
  /// Starts the session's network (lane >= 0: that race lane's) from the
  /// model file `name`'s matching tensors (Session::init_from; `head` false:
  /// the output layer starts fresh). NOT_FOUND for
  /// a name not given; else init_from's errors; a refusal changes nothing.
  Result<Transfer> init_from(const std::string& name, int lane = -1, bool head = true);

  // --- data loading: the session's files first, then the race lanes'; a file
  // both want is read once and given to both.
  /// The next file to read ("" when nothing is wanted).
  std::string next_wanted_file() const;
  void file_progress(const std::string& file, int64_t loaded, int64_t total);
  void provide_file(const std::string& file, std::vector<uint8_t> bytes);
  void fail_file(const std::string& file, const std::string& message);

 private:
  Challenge challenge_;
  ChallengeProgress progress_;
  /// The dataset a command's settings lead to (its "dataset", else the session's target).
  const data::DatasetInfo* target_data(const Settings& set) const;
  Status check_view(const std::string& view, const Settings& set) const;
  Status lesson_command(const nlohmann::json& j);
  /// Judges the current lesson once its run has ended (clears a verdict when it runs again).
  void judge_lesson();
  Status init_command(const nlohmann::json& j);
  Status load_command(const nlohmann::json& j);
  Status csv_command(const nlohmann::json& j);
  Status images_command(const nlohmann::json& j);
  Status show_data(Status st);
  /// Trains the lesson's source run for about budget_ms; when it has its
  /// steps, gives its weights to the lanes and starts the race.
  Status advance_source(double budget_ms);
  Status finish_source();
  void fail_source(const std::string& why);

  Session session_;
  Race race_;
  ViewHooks views_;
  const Lesson* lesson_ = nullptr;
  std::optional<Verdict> verdict_;
  std::unique_ptr<Session> source_;  // a lesson's source run while it trains
  bool race_after_source_ = false;   // start the race once the source run has given its weights
  std::string pretrain_note_;
  std::map<std::string, std::vector<uint8_t>> model_files_;
};

}  // namespace nnplay::train
