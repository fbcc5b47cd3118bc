// The real ImGui UI, headless (headless_app.h): the view table is well
// formed and is what the command API accepts; and every view of every
// dataset family draws, for a representative network of each (MLP, LeNet,
// ResNet, U-Net, LSTM, a custom network, a 3D CNN on clips), while paused, while training,
// after a network edit and after an error — failing on any ImGui assertion,
// crash, or an error the app did not ask for.
#include <gtest/gtest.h>

#include <cctype>
#include <nlohmann/json.hpp>
#include <set>

#include "core/base64.h"
#include "imgui_internal.h"
#include "support/golden.h"
#include "support/headless_app.h"
#include "ui/restrictions.h"
#include "ui/share.h"
#include "ui/view.h"

namespace nnplay::ui {
namespace {

using nlohmann::json;
using test::HeadlessApp;
using test::imgui_failures;

json status(HeadlessApp& h) { return json::parse(h.app().api_status()); }
json command(HeadlessApp& h, const json& c) { return json::parse(h.app().api_command(c.dump())); }

std::string failures() {
  std::string s;
  for (const std::string& f : imgui_failures()) s += f + "\n";
  return s;
}

// A dataset whose family the row shows (generated sets first: no files to load).
const data::DatasetInfo* dataset_for(const ViewInfo& row) {
  for (bool files : {false, true})
    for (const data::DatasetInfo& d : data::dataset_catalog())
      if (d.image == files && row.shows(d)) return &d;
  return nullptr;
}

TEST(ViewTable, IsWellFormed) {
  std::set<std::string> ids;
  for (const ViewInfo& row : view_table()) {
    EXPECT_TRUE(ids.insert(row.id).second) << "id used twice: " << row.id;
    EXPECT_TRUE(*row.title && *row.about) << row.id;
    if (!row.make) {  // a group: a top-level tab with tabs of its own
      EXPECT_TRUE(row.tab() && !*row.parent) << row.id;
      int children = 0;
      for (const ViewInfo& c : view_table()) children += std::string(c.parent) == row.id;
      EXPECT_GT(children, 0) << row.id;
    }
    if (*row.parent) {
      const ViewInfo* parent = find_view(row.parent);
      ASSERT_NE(parent, nullptr) << row.id << "'s parent " << row.parent;
      EXPECT_TRUE(parent->make == nullptr && row.tab()) << row.id;
    }
    if (!row.tab()) EXPECT_FALSE(*row.parent) << row.id;
  }
  // Every family has a picture tab: the first tab is the data's.
  for (data::Family f : data::kFamilies) {
    data::DatasetInfo d;
    d.family = f;
    int pictures = 0;
    for (const ViewInfo& row : view_table()) pictures += row.tab() && row.make && !*row.parent && row.available && row.shows(d);
    EXPECT_EQ(pictures, 1) << data::family_title(f);
  }
}

TEST(ViewTable, IsWhatTheCommandApiAccepts) {
  HeadlessApp h;
  // The names: "main", "setup" (the settings column) and every tab of the table, in table order.
  std::string names = "main, setup";
  for (const ViewInfo& row : view_table())
    if (row.selectable()) names += std::string(", ") + row.id;
  EXPECT_EQ(h.app().playground().view_names(), names);
  const json bad = command(h, {{"view", "nope"}});
  EXPECT_FALSE(bad["ok"].get<bool>());
  for (const ViewInfo& row : view_table())
    if (row.tab()) EXPECT_NE(bad["error"].get<std::string>().find(row.id), std::string::npos) << row.id;
  // Each tab, on a generated dataset it shows, comes to the front; on one it does not, it is refused.
  for (const ViewInfo& row : view_table()) {
    if (!row.tab()) continue;
    const data::DatasetInfo* d = dataset_for(row);
    ASSERT_NE(d, nullptr) << row.id;
    if (d->image || d->user) continue;  // image sets and the user's CSV: the EveryView tests cover them
    const json r = command(h, {{"dataset", d->key}, {"view", row.id}});
    ASSERT_TRUE(r["ok"].get<bool>()) << row.id << ": " << r.dump();
    h.frames(3);
    std::string want = row.id;
    if (!row.make)  // a group shows its first tab
      for (const ViewInfo& c : view_table())
        if (std::string(c.parent) == row.id && c.shows(*d)) {
          want = c.id;
          break;
        }
    EXPECT_EQ(status(h)["view"], want) << row.id;
    for (const data::DatasetInfo& other : data::dataset_catalog())
      if (!row.shows(other) && !other.image) {
        const json no = command(h, {{"dataset", other.key}, {"view", row.id}});
        EXPECT_FALSE(no["ok"].get<bool>()) << row.id << " on " << other.key;
        EXPECT_NE(no["error"].get<std::string>().find("UNSUPPORTED"), std::string::npos) << no.dump();
      }
  }
  EXPECT_EQ(failures(), "");
}

// ------------------------------------------------------- every view, every state

struct Scenario {
  const char* name;
  const char* link;  // the start-up link
  json edit;         // a network edit while training
};

const Scenario kScenarios[] = {
    {"mlp on circle", "dataset=circle&layers=8:tanh,8:tanh", {{"layers", "8:relu,6:tanh"}}},
    {"mlp on a 1D function (regression)", "dataset=function&function=sawtooth&noise=0.1", {{"layers", "32:tanh"}}},
    {"custom on xor", "dataset=xor&model=custom&network=h:Linear(out_features=6)%3B%20Tanh%3B%20Linear(out_features=classes)",
     {{"network", "h:Linear(out_features=6); ReLU; h2:Linear(out_features=4); Tanh; Linear(out_features=classes)"}}},
    {"lenet5 on mnist", "dataset=mnist&model=lenet5", {{"model", "lenet5(act=relu)"}}},
    {"resnet on mnist", "dataset=mnist&model=resnet(depth=8)&batch_size=16", {{"model", "resnet(depth=8,skip=0)"}}},
    {"unet on shapes", "dataset=shapes&model=unet(base=4)&samples=200", {{"model", "unet(base=4,skip=0)"}}},
    {"lstm on memory", "dataset=memory&model=lstm(hidden=8)&samples=300", {{"model", "lstm(hidden=12)"}}},
    {"conv3d on clips", "dataset=moving_dots&samples=200",  // the clips' default: a 3D CNN (model=custom)
     {{"network", "Select(dim=2,index=0); Conv2d(out_channels=4,kernel_size=3,padding=1); ReLU; Flatten; "
                  "Linear(out_features=classes)"}}},
};

// Every tab the dataset shows, a few frames each (a nested tab needs its group's first).
void draw_every_view(HeadlessApp& h, const std::string& state) {
  const data::DatasetInfo& d = h.app().ctx().data_info();
  for (const ViewInfo& row : view_table()) {
    if (!row.tab() || !row.make || !row.shows(d)) continue;
    const json r = command(h, {{"view", row.id}});
    ASSERT_TRUE(r["ok"].get<bool>()) << state << ": " << row.id << " " << r.dump();
    h.frames(4);
    EXPECT_EQ(status(h)["view"], row.id) << state;
    ASSERT_EQ(failures(), "") << state << ", view " << row.id;
  }
}

void PrintTo(const Scenario& s, std::ostream* os) { *os << s.name; }

class EveryView : public ::testing::TestWithParam<Scenario> {};

TEST_P(EveryView, DrawsPausedTrainingAfterAnEditAndAfterAnError) {
  const Scenario& sc = GetParam();
  HeadlessApp h(sc.link);
  h.frames(2);
  h.until_loaded();
  json s = status(h);
  ASSERT_FALSE(s["loading"].get<bool>()) << "the data did not load (scripts/bootstrap makes it): " << s.dump();
  ASSERT_TRUE(s["last_error"].is_null()) << s.dump();
  ASSERT_TRUE(command(h, {{"action", "step"}, {"steps", 3}})["ok"].get<bool>());
  draw_every_view(h, std::string(sc.name) + ", paused");

  ASSERT_TRUE(command(h, {{"action", "train"}})["ok"].get<bool>());
  draw_every_view(h, std::string(sc.name) + ", training");
  EXPECT_GT(status(h)["step"].get<int64_t>(), 3) << "it trained";

  const json e = command(h, sc.edit);
  ASSERT_TRUE(e["ok"].get<bool>()) << e.dump();
  draw_every_view(h, std::string(sc.name) + ", after an edit");

  // A refused setting from a control: the banner shows it, nothing else changes.
  EXPECT_FALSE(h.app().ctx().set("lr", "-1"));
  EXPECT_NE(h.app().ctx().error().find("lr"), std::string::npos);
  draw_every_view(h, std::string(sc.name) + ", after an error");
  s = status(h);
  EXPECT_TRUE(s["last_error"].is_null()) << s.dump();
  EXPECT_EQ(failures(), "");
}

INSTANTIATE_TEST_SUITE_P(Families, EveryView, ::testing::ValuesIn(kScenarios),
                         [](const ::testing::TestParamInfo<Scenario>& p) {
                           std::string n;
                           for (const char* c = p.param.name; *c; ++c) n += std::isalnum(static_cast<unsigned char>(*c)) ? *c : '_';
                           return n;
                         });

TEST(EveryView, DrawsAfterTheRunDiverged) {
  // lr 10 on an MSE loss makes the MLP's loss infinite within a few steps:
  // the run pauses and names the layer; every view still draws (non-finite
  // weights and curves).
  HeadlessApp h("dataset=circle&layers=16:relu,16:relu&loss=mse&lr=10&action=train");
  for (int i = 0; i < 600 && status(h)["last_error"].is_null(); ++i) h.frames(1);
  const json s = status(h);
  ASSERT_FALSE(s["last_error"].is_null()) << "expected a divergence: " << s.dump();
  EXPECT_FALSE(s["running"].get<bool>());
  draw_every_view(h, "diverged");
}

TEST(Lessons, EachKindOfLanePictureDrawsWhileTheLanesTrain) {
  // One lesson per train::LaneView kind, run from a link, drawn in the
  // Lessons view while its lanes train, at desktop and phone sizes.
  const char* const kLessons[] = {"skip-connections" /* boundaries */, "universal-approximation" /* functions */,
                                  "unet-skips" /* masks */,           "augmentation" /* images */,
                                  "relu-vs-sigmoid" /* gradients */,  "init-symmetry" /* activations */};
  for (ImVec2 size : {ImVec2(1280, 800), ImVec2(390, 844)})
    for (const char* id : kLessons) {
      HeadlessApp h(std::string("lesson=") + id + "&action=train&view=lessons", size);
      h.frames(2);
      h.until_loaded();
      for (int i = 0; i < 40; ++i) h.frames(1);
      const json s = status(h);
      EXPECT_EQ(s["lesson"]["id"], id) << s.dump();
      EXPECT_EQ(s["view"], "lessons") << id;
      EXPECT_GT(s["race"]["lanes"][0]["step"].get<int64_t>(), 0) << id << ": the lanes train: " << s.dump();
      ASSERT_EQ(failures(), "") << id;
    }
}

TEST(EveryView, DrawsOnTheUsersCsvWithTwoAndWithFourFeatures) {
  // Two features: the plane's views (boundary, neurons) draw it; four: they
  // refuse it (the plane has two axes), and every other view draws.
  HeadlessApp h("dataset=circle");
  EXPECT_EQ(h.app().ctx().plane_extent(), 6.0f);  // the 2D sets' plane
  std::string two = "x,y,class\n", four = "a,b,c,d,kind\n";
  for (int i = 0; i < 90; ++i) {
    const double u = (i % 9) / 4.0 - 1.0, v = (i / 9) / 4.5 - 1.0;
    two += std::to_string(u) + "," + std::to_string(v) + "," + (u * v > 0 ? "1" : "0") + "\n";
    four += std::to_string(u) + "," + std::to_string(v) + "," + std::to_string(u - v) + "," + std::to_string(i % 4) +
            "," + (i % 3 == 0 ? "red" : i % 3 == 1 ? "green" : "blue") + "\n";
  }
  json r = command(h, {{"load_csv", two}, {"name", "two.csv"}});
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump();
  EXPECT_EQ(r["status"]["dataset"], "csv");
  ASSERT_TRUE(command(h, {{"view", "boundary"}, {"action", "step"}, {"steps", 5}})["ok"].get<bool>());
  // The plane fits the standardized points: both columns are evenly spread over [-1, 1] (std ≈ 0.64),
  // so the farthest point is about 1.57 std out, and the plane [-2, 2]² holds them all.
  EXPECT_EQ(h.app().ctx().plane_extent(), 2.0f);
  draw_every_view(h, "csv, 2 features");
  r = command(h, {{"load_csv", four}, {"name", "four.csv"}});
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump();
  EXPECT_EQ(r["status"]["architecture"], "4-8-8-3");
  const json no = command(h, {{"view", "boundary"}});
  EXPECT_FALSE(no["ok"].get<bool>());
  EXPECT_NE(no["error"].get<std::string>().find("UNSUPPORTED"), std::string::npos) << no.dump();
  const json weights = command(h, {{"view", "weights"}});
  EXPECT_TRUE(weights["ok"].get<bool>()) << "a table's feature weights: " << weights.dump();
  ASSERT_TRUE(command(h, {{"action", "train"}})["ok"].get<bool>());
  draw_every_view(h, "csv, 4 features");
  EXPECT_EQ(failures(), "");
}

TEST(EveryView, DrawsOnTheUsersImagesGreyAndRgb) {
  // The golden zip (tests/reference/gen_image_zip.py): 4 images, 2 classes.
  HeadlessApp h("dataset=circle");
  const std::vector<uint8_t> zip = test::reference_bytes("images.zip");
  ASSERT_FALSE(zip.empty());
  json r = command(h, {{"load_images", base64_encode(zip)}, {"name", "shapes.zip"}});
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump();
  EXPECT_EQ(r["status"]["dataset"], "images");
  EXPECT_EQ(r["status"]["architecture"], "784-128-64-1");
  ASSERT_TRUE(command(h, {{"action", "train"}})["ok"].get<bool>());
  draw_every_view(h, "images, grey 28x28");
  const json draw = command(h, {{"view", "draw"}});
  EXPECT_TRUE(draw["ok"].get<bool>()) << "grey 28x28 images take the draw pad: " << draw.dump();
  r = command(h, {{"image_format", "rgb32"}});
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump();
  EXPECT_EQ(r["status"]["architecture"], "3072-128-64-1");
  ASSERT_TRUE(command(h, {{"model", "lenet5"}, {"action", "train"}})["ok"].get<bool>());
  draw_every_view(h, "images, RGB 32x32, LeNet-5");
  EXPECT_FALSE(command(h, {{"view", "draw"}})["ok"].get<bool>()) << "the pad draws grey 28x28 only";
  EXPECT_EQ(failures(), "");
}

TEST(EveryView, DrawsAtPhoneAndSmallEmbedSizes) {
  for (ImVec2 size : {ImVec2(390, 844), ImVec2(800, 600)}) {
    HeadlessApp h("dataset=spiral&action=train", size);
    h.frames(3);
    draw_every_view(h, "window " + std::to_string(static_cast<int>(size.x)) + "x" + std::to_string(static_cast<int>(size.y)));
  }
}

// The settings column, found by its window's name: "nnplay/left_…" in two or
// three columns, the phone's view ("…/phone_view_…") when Setup is chosen.
ImGuiWindow* left_column() {
  for (ImGuiWindow* w : GImGui->Windows)
    if (std::string(w->Name).find("/left_") != std::string::npos ||
        std::string(w->Name).find("/phone_view_") != std::string::npos)
      return w;
  return nullptr;
}

TEST(Touch, ASwipeOnEmptySpaceScrollsTheColumn) {
  // Dear ImGui 1.86 scrolls only with a wheel or the scrollbar; on a phone a
  // swipe must scroll the panel (and must not move a slider it passes over).
  HeadlessApp h("dataset=spiral&view=setup", ImVec2(390, 600));  // a short phone: the settings do not fit
  h.frames(3);
  ImGuiWindow* left = left_column();
  ASSERT_NE(left, nullptr);
  ASSERT_GT(left->ScrollMax.y, 100.0f) << "the column should be taller than a phone";
  const std::string before = h.app().api_status();
  // A finger pressed in the column's right margin (between its widgets and
  // its scrollbar: never a widget) and moved by dy.
  ImGuiIO& io = ImGui::GetIO();
  const ImVec2 from(left->Pos.x + left->Size.x - ImGui::GetStyle().ScrollbarSize - left->WindowPadding.x * 0.5f,
                    left->Pos.y + 60.0f);
  auto swipe = [&](float dy) {
    io.MousePos = from;
    h.frames(1);
    io.MouseDown[0] = true;  // the finger lands, then moves
    h.frames(1);
    for (int i = 1; i <= 15; ++i) {
      io.MousePos = ImVec2(from.x, from.y + dy * static_cast<float>(i) / 15.0f);
      h.frames(1);
    }
    io.MouseDown[0] = false;
    h.frames(1);
  };
  swipe(300.0f);
  EXPECT_EQ(left->Scroll.y, 0.0f) << "a swipe down at the top stays at the top";
  swipe(-300.0f);
  EXPECT_NEAR(left->Scroll.y, std::min(300.0f, left->ScrollMax.y), 25.0f) << "a swipe up scrolls the column down";
  const float scrolled = left->Scroll.y;
  swipe(50.0f);
  EXPECT_NEAR(left->Scroll.y, scrolled - 50.0f, 15.0f) << "and back";
  const json after = status(h);
  EXPECT_EQ(after["dataset"], "spiral");
  EXPECT_EQ(after["lr"], json::parse(before)["lr"]) << "the swipe changed a setting";
  EXPECT_EQ(failures(), "");
}

TEST(Layout, FollowsTheWindowWidth) {
  // 40 and 62 font sizes (16 px) are the edges: a phone gets one column, an
  // 800-pixel embed or a tablet two, a laptop three.
  const std::pair<ImVec2, Layout> kSizes[] = {{ImVec2(390, 844), Layout::Phone},   {ImVec2(600, 900), Layout::Phone},
                                              {ImVec2(700, 900), Layout::Narrow},  {ImVec2(800, 600), Layout::Narrow},
                                              {ImVec2(1024, 768), Layout::Wide},   {ImVec2(1280, 800), Layout::Wide}};
  for (const auto& [size, layout] : kSizes) {
    HeadlessApp h("dataset=spiral", size);
    h.frames(2);
    EXPECT_EQ(h.app().layout(), layout) << size.x;
  }
}

// The windows drawn in the last frame whose name contains `part`.
int windows_named(const std::string& part) {
  int n = 0;
  for (ImGuiWindow* w : GImGui->Windows)
    n += w->Active && std::string(w->Name).find(part) != std::string::npos;
  return n;
}

TEST(Layout, APhoneShowsOneViewChosenFromItsMenu) {
  HeadlessApp h("dataset=spiral&view=boundary", ImVec2(390, 844));
  h.frames(3);
  EXPECT_EQ(status(h)["view"], "boundary");
  EXPECT_EQ(windows_named("/left_") + windows_named("/right_"), 0) << "one column: no side columns";
  // Each kind of entry: Setup, a tab, a group (its first tab), a group's tab.
  for (const auto& [view, shown] : std::vector<std::pair<std::string, std::string>>{
           {"setup", "setup"}, {"curves", "curves"}, {"network", "graph"}, {"layers", "layers"}, {"race", "race"}}) {
    ASSERT_TRUE(command(h, {{"view", view}})["ok"].get<bool>()) << view;
    h.frames(4);
    EXPECT_EQ(status(h)["view"], shown) << view;
  }
  EXPECT_EQ(failures(), "");
}

TEST(Layout, ViewsThatAreAlwaysInViewAreAcceptedAndKeepTheTab) {
  HeadlessApp h("dataset=spiral&view=boundary", ImVec2(1280, 800));
  h.frames(2);
  for (const char* view : {"setup", "curves"}) {
    EXPECT_TRUE(command(h, {{"view", view}})["ok"].get<bool>()) << view;
    h.frames(6);
    EXPECT_EQ(status(h)["view"], "boundary") << view << ": the tab in front stays";
  }
}

// Characters typed while no text field has the keyboard.
void type(HeadlessApp& h, const char* text) {
  for (const char* c = text; *c; ++c) {
    ImGui::GetIO().AddInputCharacter(static_cast<unsigned>(*c));
    h.frames(1);
  }
}

TEST(Keyboard, SpaceTrainsAndPausesSStepsRResets) {
  for (ImVec2 size : {ImVec2(1280, 800), ImVec2(390, 844)}) {
    HeadlessApp h("dataset=xor", size);
    h.frames(2);
    ASSERT_FALSE(status(h)["running"].get<bool>());
    type(h, " ");
    EXPECT_TRUE(status(h)["running"].get<bool>()) << size.x;
    h.frames(3);
    type(h, " ");
    EXPECT_FALSE(status(h)["running"].get<bool>());
    type(h, "r");
    EXPECT_EQ(status(h)["step"], 0) << "R resets";
    type(h, "ss");
    EXPECT_EQ(status(h)["step"], 2) << "each S is one step";
    EXPECT_FALSE(status(h)["running"].get<bool>());
    EXPECT_EQ(windows_named("Keyboard"), 0);
    type(h, "?");
    EXPECT_EQ(windows_named("Keyboard"), 1) << "? opens the list of keys";
    type(h, "?");
    EXPECT_EQ(windows_named("Keyboard"), 0) << "and closes it";
    EXPECT_EQ(failures(), "");
  }
}

TEST(Keyboard, TypingInATextFieldIsNotAShortcut) {
  HeadlessApp h("dataset=xor&view=setup", ImVec2(1280, 800));
  h.frames(2);
  // Hover down the settings column until the cursor becomes a text cursor
  // (a text field: nothing is pressed on the way), then click there.
  ImGuiWindow* left = left_column();
  ASSERT_NE(left, nullptr);
  ImGuiIO& io = ImGui::GetIO();
  bool typed = false;
  for (float y = left->Pos.y + 20; y < left->Pos.y + left->Size.y && !typed; y += 6) {
    io.MousePos = ImVec2(left->Pos.x + 60, y);
    h.frames(1);
    if (ImGui::GetMouseCursor() != ImGuiMouseCursor_TextInput) continue;
    io.MouseDown[0] = true;
    h.frames(1);
    io.MouseDown[0] = false;
    h.frames(1);
    typed = io.WantTextInput;
  }
  ASSERT_TRUE(typed) << "no text field found in the settings column";
  const json before = status(h);
  type(h, " sr");
  const json after = status(h);
  EXPECT_EQ(after["running"], before["running"]);
  EXPECT_EQ(after["step"], before["step"]);
}

TEST(Exercise, ALinkHidesViewsAndLocksSettings) {
  for (ImVec2 size : {ImVec2(1280, 800), ImVec2(390, 844)}) {
    HeadlessApp h("dataset=xor&lr=0.1&hide=race,surface,momentum&lock=dataset%2Cnetwork,lr", size);
    h.frames(3);
    // A hidden tab never comes to the front (not in the tab bar, not in the phone's menu).
    h.app().ctx().select_view("race");
    h.frames(6);
    EXPECT_NE(h.app().shown_view(), "race") << size.x;
    h.app().ctx().select_view("init");  // one that is not hidden
    h.frames(6);
    EXPECT_EQ(h.app().shown_view(), "init") << size.x;
    // The app's own controls cannot change a locked setting; the others apply.
    Ctx& ctx = h.app().ctx();
    EXPECT_FALSE(ctx.set("dataset", "spiral"));
    EXPECT_NE(ctx.error().find("fixed by this exercise"), std::string::npos) << ctx.error();
    EXPECT_FALSE(ctx.set("lr", "0.3"));
    EXPECT_FALSE(ctx.set("layers", "4:relu")) << "network stands for the layers too";
    EXPECT_FALSE(ctx.set("model", "lenet5"));
    EXPECT_TRUE(ctx.set("batch_size", "32"));
    EXPECT_TRUE(ctx.set("momentum", "0.9")) << "hidden is not locked";
    const json s = status(h);
    EXPECT_EQ(s["dataset"], "xor");
    EXPECT_DOUBLE_EQ(s["lr"].get<double>(), 0.1);
    EXPECT_EQ(s["batch_size"], 32);
    // The instructor's command path (window.nnplay, postMessage) still applies.
    EXPECT_TRUE(command(h, {{"lr", 0.03}})["ok"].get<bool>());
    // Every view still draws under the restrictions.
    h.frames(3);
    EXPECT_EQ(failures(), "");
  }
  // The next app starts unrestricted.
  HeadlessApp free("dataset=xor", ImVec2(1280, 800));
  free.frames(2);
  EXPECT_TRUE(free.app().ctx().set("lr", "0.3"));
}

TEST(Exercise, TheCatalogTellsThePageWhatTheLinkHidesAndLocks) {
  // web/nnplay-api.js disables its own dataset menu from this (the app's reading of the link).
  HeadlessApp h("dataset=xor&hide=lessons&lock=dataset%2Clr", ImVec2(1280, 800));
  h.frames(2);
  const json c = json::parse(h.app().api_catalog(), nullptr, false);
  ASSERT_TRUE(c.is_object() && c["ok"] == true) << h.app().api_catalog();
  EXPECT_EQ(c["hidden"], json::array({"lessons"}));
  EXPECT_EQ(c["locked"], json::array({"dataset", "lr"}));
  EXPECT_FALSE(c["datasets"].empty());
}

TEST(Exercise, AnUnknownNameIsNotedAndTheRestApplies) {
  HeadlessApp h("dataset=xor&lock=lr,nonsense&hide=bogus", ImVec2(1280, 800));
  h.frames(2);
  EXPECT_FALSE(h.app().ctx().set("lr", "0.3"));
  // The link note lists the unknown names (its banner is drawn; the text is the app's).
  bool noted = false;
  for (ImGuiWindow* w : GImGui->Windows) noted |= std::string(w->Name).find("link_note") != std::string::npos && w->Active;
  EXPECT_TRUE(noted);
}

TEST(Share, TheLinkRestoresTheSetupExactly) {
  ShareChoices choices;
  choices.hide = {"race", "momentum"};
  choices.lock = {"dataset", "lr"};
  std::string q, setup;
  json sa;
  {  // A setup made by a link and commands, with a tab in front (one ImGui context at a time).
    HeadlessApp a("dataset=spiral&noise=0.2&layers=16:relu,8:relu&optimizer=adam&lr=0.003&view=layers", ImVec2(1280, 800));
    a.frames(3);
    ASSERT_TRUE(command(a, {{"batch_size", 32}, {"weight_decay", 0.0001}, {"schedule", "StepLR(step_size=100,gamma=0.5)"}})["ok"]);
    a.frames(4);
    setup = a.app().link_query(false);
    q = share_query(setup, choices);
    sa = status(a);
  }
  EXPECT_NE(q.find("hide=momentum,race"), std::string::npos) << q;
  EXPECT_NE(q.find("lock=dataset,lr"), std::string::npos) << q;
  // Opened in a fresh app, the link gives the same settings, tab and restrictions,
  // and the app writes back the very same link.
  HeadlessApp b(q, ImVec2(1280, 800));
  b.frames(6);
  const json sb = status(b);
  for (const char* key : {"dataset", "layers", "optimizer", "lr", "batch_size", "schedule", "view"})
    EXPECT_EQ(sb[key], sa[key]) << key << " after " << q;
  EXPECT_EQ(b.app().link_query(false), setup) << "every setting that differs from the defaults";
  EXPECT_EQ(b.app().link_query(true), q);
  EXPECT_FALSE(b.app().ctx().set("lr", "0.1")) << "locked by the shared link";
  EXPECT_EQ(failures(), "");
}

TEST(Share, TheDialogStartsFromTheRestrictionsInForceAndDraws) {
  for (ImVec2 size : {ImVec2(1280, 800), ImVec2(390, 844)}) {
    HeadlessApp h("dataset=xor&hide=race&lock=lr", size);
    h.frames(2);
    h.app().share().open(restrictions());
    h.frames(3);
    EXPECT_EQ(h.app().share().choices().hide, std::set<std::string>{"race"});
    EXPECT_EQ(h.app().share().choices().lock, std::set<std::string>{"lr"});
    EXPECT_GE(windows_named("Share this setup"), 1);  // the dialog (and its snippet box's child window)
    EXPECT_EQ(iframe_snippet("https://x.org/nnplay/index.html#dataset=xor").rfind("<iframe src=\"https://x.org/nnplay/index.html#dataset=xor\"", 0), 0u);
    EXPECT_EQ(share_link("", "dataset=xor"), "index.html#dataset=xor");
    EXPECT_EQ(failures(), "");
  }
}

TEST(Links, UnknownKeysAreNotedOnceAndTheRestApplies) {
  HeadlessApp h("dataset=xor&utm_source=course&lr=0.1&view=init&lr=-5");
  h.frames(3);
  const json s = status(h);
  EXPECT_EQ(s["dataset"], "xor");
  EXPECT_FLOAT_EQ(s["lr"].get<float>(), 0.1f);
  EXPECT_EQ(s["view"], "init");
  EXPECT_EQ(failures(), "");
}

}  // namespace
}  // namespace nnplay::ui
