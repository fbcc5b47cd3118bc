// A refused command changes nothing. One table of bad commands goes through
// the one command path (Playground::command, what window.nnplay.command
// calls) in several states of a playground, and after each the snapshot of
// everything a command could change — config, the config a load is heading
// to, the network spec and its nodes, every weight and buffer, the trainer's
// progress and curves, the race, the view and the status JSON — must be
// exactly as before.
//
// The table: every key of the config table with values that are out of
// range, mistyped or the wrong JSON type (generated from the table's own
// types and ranges, so a new setting is covered when it is added); network
// texts that fail to parse or build; networks whose output does not fit the
// data; contradictory settings; and actions and views in the wrong state.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "train/config.h"
#include "train/playground.h"
#include "train/race_json.h"
#include "train/session_json.h"

namespace nnplay::train {
namespace {

using nlohmann::json;

struct Snapshot {
  std::string config, target, spec, nodes, trainer, race, status;
  std::vector<float> tensors;  // every parameter and buffer, in model order
  std::string view;
};

Snapshot snapshot(const Playground& p, const std::string& view) {
  const Session& s = p.session();
  Snapshot out;
  for (const ConfigField& f : config_fields()) {
    out.config += std::string(f.key) + "=" + f.get(s.config()) + "\n";
    out.target += std::string(f.key) + "=" + f.get(s.target_config()) + "\n";
  }
  out.spec = nn::format_model_spec(s.spec());
  for (const nn::Node& n : s.model().nodes()) {
    out.nodes += n.name + " " + n.shape.str() + "\n";
    if (!n.layer) continue;
    for (const ParamRef& prm : n.layer->params())
      out.tensors.insert(out.tensors.end(), prm.value->data(), prm.value->data() + prm.value->numel());
    for (const BufferRef& b : n.layer->buffers())
      out.tensors.insert(out.tensors.end(), b.value->data(), b.value->data() + b.value->numel());
  }
  const Trainer& t = s.trainer();
  std::ostringstream tr;
  tr << "step " << t.step_count() << " epoch " << t.epoch_progress() << " points " << t.history().size()
     << " events " << t.events().size() << " eval_pending " << t.eval_pending() << " unit " << t.unit_in_progress()
     << " batch " << t.config().batch_size << " lr " << t.current_lr() << " train " << t.train_indices().size()
     << " val " << t.val_indices().size() << " trace " << t.layer_trace().steps.size();
  if (!t.history().empty()) tr << " last " << t.history().back().loss_val;
  out.trainer = tr.str();
  out.race = race_status_to_json(p.race());
  out.status = p.status_json();
  out.view = view;
  return out;
}

// Bit-for-bit weight comparison that treats NaN == NaN.
bool same_tensors(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i])))) return false;
  return true;
}

void expect_same(const Snapshot& a, const Snapshot& b, const std::string& what) {
  EXPECT_EQ(a.config, b.config) << what;
  EXPECT_EQ(a.target, b.target) << what;
  EXPECT_EQ(a.spec, b.spec) << what;
  EXPECT_EQ(a.nodes, b.nodes) << what;
  EXPECT_TRUE(same_tensors(a.tensors, b.tensors)) << what << ": weights or buffers changed";
  EXPECT_EQ(a.trainer, b.trainer) << what;
  EXPECT_EQ(a.race, b.race) << what;
  EXPECT_EQ(a.status, b.status) << what;
  EXPECT_EQ(a.view, b.view) << what;
}

// ------------------------------------------------------------------ the table

/// Wrong values for one setting, from its type and range.
std::vector<json> bad_values(const ConfigField& f) {
  std::vector<json> v = {json(nullptr), json::array({1}), json::object()};  // never a setting's JSON type
  const double step = std::max(1.0, std::fabs(f.hi - f.lo)) * 1e-3;
  switch (f.type) {
    case FieldType::Int:
      v.insert(v.end(), {"", "abc", "3x", "1e999", "nan", true, f.lo - 1, f.hi + 1, number_text(f.lo + 0.5)});
      break;
    case FieldType::Float:
      v.insert(v.end(), {"", "abc", "0.5.1", "inf", "-inf", "nan", true, false, f.hi + step, f.hi * 2 + 1});
      v.push_back(f.lo_open ? f.lo : f.lo - step);
      break;
    case FieldType::Bool: v.insert(v.end(), {"2", "yes", "", "0.5", "on", -1, 2}); break;
    case FieldType::Choice: v.insert(v.end(), {"", "nonexistent", f.choices().front().key + " ", true, 1}); break;
    case FieldType::Text: {
      const std::string key = f.key;
      if (key == "model")
        v.insert(v.end(), {"", "nonet", "resnet(", "resnet(depth=9)", "resnet(dept=8)", "unet(base=8)", "lstm",
                           "mobilenet(alpha=2)", true});
      if (key == "layers") v.insert(v.end(), {"0:relu", "8:swish", "8:tanh,,", "abc", "100000:relu", "-3:relu", true});
      if (key == "schedule")
        v.insert(v.end(), {"StepLR(step_size=0)", "Nope(x=1)", "StepLR(gamma=2)", "StepLR(", 1});
      if (key == "network") v.insert(v.end(), {"Linear(out_features=3; ReLU", "ReLU; Add(in=1,4)", "Conv9d", 5});
      if (key == "classes") v.insert(v.end(), {"abc", "5-2", "0-", "-1", "1,,2", "1000", "0-4 ", true});
      break;
    }
  }
  return v;
}

struct Row {
  json command;
  std::string why;
  bool points_only = false;  // refused on 2D points, fine for an image set (skipped while one loads)
  bool mlp_only = false;     // refused for the MLP; stored unused while the model is custom
  bool regression_only = false;  // refused on a regression set (dataset function), fine for classes
};

std::vector<Row> bad_commands() {
  std::vector<Row> rows;
  for (const ConfigField& f : config_fields())
    for (const json& value : bad_values(f)) rows.push_back({json{{f.key, value}}, std::string("bad ") + f.key});
  const std::vector<Row> more = {
      // Networks that fail to build or whose output does not fit the 2-class data.
      {{{"model", "custom"}, {"network", "Linear(out_features=3)"}}, "3 logits for 2 classes"},
      {{{"model", "custom"}, {"network", "Conv2d(out_channels=4,kernel_size=3)"}}, "a conv on 2D points"},
      {{{"model", "custom"}, {"network", ""}}, "an empty custom network"},
      {{{"model", "lenet5"}}, "LeNet on 2D points", true},
      {{{"model", "unet(base=8)"}}, "U-Net on 2D points"},
      {{{"model", "lstm(hidden=8)"}}, "an LSTM on 2D points"},
      {{{"layers", "4096:relu,4096:relu,4096:relu,4096:relu,4096:relu"}}, "over the memory budget", false, true},
      // Contradictions.
      {{{"dataset", "shapes"}, {"loss", "mse"}}, "mse on per-pixel labels"},
      {{{"dataset", "memory"}, {"model", "lenet5"}}, "LeNet on sequences"},
      {{{"dataset", "circle"}, {"model", "unet(base=8)"}}, "U-Net on circle"},
      {{{"action", "train"}, {"steps", 5}}, "steps beside action=train"},
      {{{"steps", 3}}, "steps without an action"},
      {{{"lr", 0.1}, {"momentum", 2}}, "one bad key spoils the command"},
      {{{"dataset", "xor"}, {"batch_size", 0}}, "a good dataset with a bad batch size"},
      // Actions.
      {{{"action", "dance"}}, "unknown action"},
      {{{"action", "step"}, {"steps", 0}}, "zero steps"},
      {{{"action", "step"}, {"steps", Session::kMaxSteps + 1}}, "too many steps"},
      {{{"action", "step"}, {"steps", 2.5}}, "fractional steps"},
      {{{"action", 1}}, "action as a number"},
      // Views.
      {{{"view", "nope"}}, "unknown view"},
      {{{"view", 3}}, "view as a number"},
      {{{"view", "images"}}, "an image view on 2D points", true},
      {{{"view", "images"}, {"lr", -1}}, "a good view with a bad setting"},
      {{{"view", "boundary"}, {"dataset", "shapes"}}, "a 2D view for the dataset the command switches to"},
      // The race.
      {{{"race", true}, {"lane", 5}, {"lr", 0.1}}, "a lane that does not exist"},
      {{{"race", json::array()}}, "no lanes"},
      {{{"race", json::array({json::object(), json::object(), json::object(), json::object(), json::object()})}},
       "five lanes"},
      {{{"race", json::array({{{"dataset", "xor"}}, json::object()})}}, "a shared key in a lane"},
      {{{"race", json::array({{{"function", "step"}}, json::object()})}}, "a lane fitting another function"},
      {{{"race", json::array({{{"lr", -1}}, json::object()})}}, "a bad lane setting"},
      {{{"race", json::array({json::object(), json::object()})}, {"lr", "x"}}, "a bad shared setting"},
      {{{"race", json::array({3, json::object()})}}, "a lane that is not an object"},
      {{{"race", "maybe"}}, "race is neither lanes nor a switch"},
      {{{"race", false}, {"lr", 0.1}}, "ending the race takes no settings"},
      {{{"race", true}, {"budget", -3}}, "a negative budget"},
      // Classification on the regression set (real targets, one output, no classes).
      {{{"loss", "cross_entropy"}}, "cross-entropy on real targets", false, false, true},
      {{{"dataset", "function"}, {"loss", "cross_entropy"}}, "cross-entropy on the regression set switched to"},
      {{{"model", "custom"}, {"network", "Linear(out_features=2)"}}, "two outputs for one real target", false, false,
       true},
      {{{"view", "confusion"}}, "a confusion matrix of real targets", false, false, true},
      {{{"view", "confusion"}, {"dataset", "function"}}, "a confusion matrix for the regression set switched to"},
      {{{"view", "function"}, {"dataset", "circle"}}, "the function view for a set of classes"},
      {{{"dataset", "function"}, {"model", "lenet5"}}, "LeNet on the 1D function"},
      // Lessons.
      {{{"lesson", "no-such-lesson"}}, "an unknown lesson"},
      {{{"lesson", 3}}, "a lesson as a number"},
      {{{"lesson", "relu-vs-sigmoid"}, {"lr", 0.1}}, "a lesson takes no settings beside it"},
      {{{"lesson", "relu-vs-sigmoid"}, {"action", "pause"}}, "a lesson's only action is train"},
      // Classes the data does not have (every state's data has 2 classes or none, Fashion-MNIST 10).
      {{{"classes", "12"}}, "a class the data does not have"},
      {{{"dataset", "circle"}, {"classes", "0-2"}}, "class 2 of a 2-class set"},
      {{{"dataset", "function"}, {"classes", "0"}}, "classes of a regression set"},
      // Transfer learning (init_from): model files given to the fixture by name.
      {{{"init_from", "missing.nnp"}}, "a model file never given"},
      {{{"init_from", 3}}, "init_from as a number"},
      {{{"init_from", "damaged.nnp"}}, "a damaged model file"},
      {{{"init_from", "png.nnp"}}, "a foreign file"},
      {{{"init_from", "clips.nnp"}}, "a model file no tensor of which fits"},
      {{{"init_from", "good.nnp"}, {"lr", 0.1}}, "init_from takes no settings beside it"},
      {{{"init_from", "good.nnp"}, {"head", "no"}}, "head is a switch"},
      {{{"init_from", "good.nnp"}, {"lane", 0}}, "a lane without race"},
      {{{"init_from", "good.nnp"}, {"race", true}}, "race without a lane"},
      {{{"init_from", "good.nnp"}, {"race", true}, {"lane", 3}}, "a race lane that does not exist"},
      {{{"init_from", "good.nnp"}, {"race", true}, {"lane", 9}}, "a lane beyond the most a race has"},
  };
  rows.insert(rows.end(), more.begin(), more.end());
  return rows;
}

/// Not JSON objects at all.
const char* kNotObjects[] = {"", "{", "[]", "3", "null", "\"train\"", "{\"lr\":0.1,}", "{\"lr\" 0.1}"};

// ------------------------------------------------------------------ states

/// A playground with a view table like the app's: "boundary" for 2D points,
/// "images" for image sets, "confusion" for sets with classes, "function"
/// for the regression set, "race" always.
struct Fixture {
  Playground play;
  std::string view = "boundary";
  Fixture() {
    ViewHooks h;
    h.names = {"boundary", "images", "confusion", "function", "race"};
    h.check = [](const std::string& name, const data::DatasetInfo& d) -> Status {
      if (name == "boundary" && d.family != data::Family::Points)
        return Error(ErrorCode::UNSUPPORTED, "boundary shows 2D points");
      if (name == "images" && d.family != data::Family::Images)
        return Error(ErrorCode::UNSUPPORTED, "images shows image sets");
      if (name == "confusion" && d.regression()) return Error(ErrorCode::UNSUPPORTED, "confusion needs classes");
      if (name == "function" && !d.regression())
        return Error(ErrorCode::UNSUPPORTED, "function shows the regression set");
      return Status::Ok();
    };
    h.select = [this](const std::string& name) { view = name; };
    h.current = [this] { return view; };
    play.set_views(std::move(h));
    play.session().set_memory_budget(200e6);
    add_model_files();
  }
  // For init_from: a good file (circle's default MLP), one cut short, a PNG,
  // and one whose tensors fit no network here (the clips' 3D CNN).
  void add_model_files() {
    const std::vector<uint8_t> good = Session().save();
    play.add_model_file("good.nnp", good);
    play.add_model_file("damaged.nnp", std::vector<uint8_t>(good.begin(), good.end() - 5));
    play.add_model_file("png.nnp", {0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 0, 0, 0, 0, 0});
    Session clips;
    EXPECT_TRUE(clips.apply(Command{{{"dataset", "moving_dots"}}}).ok());
    play.add_model_file("clips.nnp", clips.save());
  }
  void ok(const json& cmd) { ASSERT_TRUE(play.command(cmd.dump()).ok()) << cmd.dump(); }
};

void check_table(Fixture& f, const std::string& state, bool image_target = false, bool regression = false) {
  const Snapshot before = snapshot(f.play, f.view);
  const bool custom = f.play.session().target_config().model == "custom";
  int refused = 0;
  for (const Row& r : bad_commands()) {
    if ((image_target && r.points_only) || (custom && r.mlp_only) || (!regression && r.regression_only)) continue;
    const Status st = f.play.command(r.command.dump());
    if (st.ok()) {
      ADD_FAILURE() << state << ": accepted " << r.command.dump() << " (" << r.why << ")";
      return;
    }
    ++refused;
    expect_same(before, snapshot(f.play, f.view), state + ": " + r.command.dump() + " (" + r.why + ") -> " + st.to_string());
  }
  for (const char* text : kNotObjects) {
    EXPECT_EQ(f.play.command(text).code(), ErrorCode::PARSE_ERROR) << text;
    expect_same(before, snapshot(f.play, f.view), state + ": " + text);
  }
  EXPECT_GT(refused, 200) << "the table lost its rows";
}

TEST(BadCommands, ChangeNothingOnATrainedPausedNetwork) {
  Fixture f;
  f.ok({{"dataset", "circle"}, {"layers", "8:tanh,8:tanh"}, {"action", "step"}, {"steps", 30}});
  check_table(f, "paused after 30 steps");
}

TEST(BadCommands, ChangeNothingWhileTraining) {
  Fixture f;
  f.ok({{"dataset", "xor"}, {"optimizer", "adam"}, {"schedule", "StepLR(step_size=10,gamma=0.5)"}});
  ASSERT_TRUE(f.play.session().apply(Command{{}, Action::Step, 12}).ok());
  f.ok({{"action", "train"}});
  check_table(f, "running");
}

TEST(BadCommands, ChangeNothingOnACustomNetwork) {
  Fixture f;
  f.ok({{"model", "custom"}, {"network", "h:Linear(out_features=6); Tanh; Linear(out_features=classes)"},
        {"action", "step"}, {"steps", 5}});
  check_table(f, "custom network");
}

TEST(BadCommands, ChangeNothingWhileADatasetLoads) {
  // Fashion-MNIST is requested but its files never arrive: the session keeps
  // training circle and heads for fashion_mnist; a bad command must not drop
  // or change the pending load.
  Fixture f;
  f.ok({{"dataset", "fashion_mnist"}, {"lr", 0.05}});
  ASSERT_TRUE(f.play.session().loading());
  check_table(f, "loading", /*image_target=*/true);
  EXPECT_TRUE(f.play.session().loading());
}

TEST(BadCommands, ChangeNothingOnARegressionSet) {
  // The 1D function set has real targets: every classification-only command
  // (cross-entropy, two outputs, a confusion matrix) is refused with it too.
  Fixture f;
  f.ok({{"dataset", "function"}, {"view", "function"}, {"action", "step"}, {"steps", 20}});
  ASSERT_TRUE(f.play.session().dataset()->regression());
  check_table(f, "regression", false, /*regression=*/true);
}

TEST(BadCommands, ChangeNothingDuringARace) {
  Fixture f;
  f.ok({{"race", json::array({{{"optimizer", "sgd"}}, {{"optimizer", "adam"}, {"lr", 0.01}}})}, {"action", "step"}});
  check_table(f, "race");
}

TEST(BadCommands, TheSnapshotSeesEveryKindOfChange) {
  // The check above can fail: each good command below changes the snapshot.
  Fixture f;
  const Snapshot s0 = snapshot(f.play, f.view);
  auto changed = [&](const json& cmd) {
    Fixture g;
    EXPECT_TRUE(g.play.command(cmd.dump()).ok()) << cmd.dump();
    const Snapshot s1 = snapshot(g.play, g.view);
    return s1.config != s0.config || s1.target != s0.target || s1.spec != s0.spec || s1.nodes != s0.nodes ||
           !same_tensors(s1.tensors, s0.tensors) || s1.trainer != s0.trainer || s1.race != s0.race ||
           s1.status != s0.status || s1.view != s0.view;
  };
  EXPECT_TRUE(changed({{"lr", 0.1}}));
  EXPECT_TRUE(changed({{"action", "step"}}));
  EXPECT_TRUE(changed({{"layers", "8:tanh"}}));
  EXPECT_TRUE(changed({{"dataset", "fashion_mnist"}}));  // only the target changes
  EXPECT_TRUE(changed({{"view", "race"}}));
  EXPECT_TRUE(changed({{"race", json::array({json::object(), json::object()})}}));
  EXPECT_TRUE(changed({{"model", "custom"}, {"network", "Linear(out_features=classes)"}}));
}

TEST(BadCommands, TheReportedBugA3LogitNetworkOn2ClassesIsRefused) {
  // A network edit used to commit the model before the output check, leaving
  // a 3-logit network on a 2-class set that trained silently.
  Fixture f;
  const Snapshot before = snapshot(f.play, f.view);
  const Status st = f.play.command(R"j({"model":"custom","network":"Linear(out_features=3)"})j");
  EXPECT_EQ(st.code(), ErrorCode::SHAPE_MISMATCH) << st.to_string();
  expect_same(before, snapshot(f.play, f.view), "3 logits");
  EXPECT_EQ(f.play.session().model().output_shape(), (Shape{1, 1}));
}

}  // namespace
}  // namespace nnplay::train
