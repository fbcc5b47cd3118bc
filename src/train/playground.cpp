#include "train/playground.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <nlohmann/json.hpp>

#include "core/base64.h"
#include "core/zip.h"
#include "core/json_text.h"
#include "train/race_json.h"
#include "train/session_json.h"

namespace nnplay::train {
namespace {

using nlohmann::json;

std::string error_reply(const Status& st) {
  return "{\"ok\":false,\"error\":" + json_text(json(st.to_string())) + "}";
}

std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string s;
  for (const std::string& i : items) s += (s.empty() ? "" : sep) + i;
  return s;
}

}  // namespace

std::string LinkReport::summary() const {
  std::string s;
  if (!problems.empty()) s = "Not applied from the link: " + join(problems, "; ") + ".";
  if (!unknown_keys.empty())
    s += (s.empty() ? "" : " ") + std::string("Ignored link keys nnplay does not know: ") + join(unknown_keys, ", ") + ".";
  return s;
}

Playground::Playground() = default;

std::string Playground::view_names() const { return join(views_.names, ", "); }

const data::DatasetInfo* Playground::target_data(const Settings& set) const {
  for (const auto& [key, value] : set)
    if (key == "dataset") return session_.dataset_info(value);
  return session_.dataset_info(session_.target_config().dataset);
}

Status Playground::check_view(const std::string& view, const Settings& set) const {
  if (views_.names.empty())
    return Error(ErrorCode::UNSUPPORTED, "view='" + view + "': this front end has no views (the app has)");
  if (std::find(views_.names.begin(), views_.names.end(), view) == views_.names.end())
    return Error(ErrorCode::INVALID_ARGUMENT, "view='" + view + "': expected one of " + view_names());
  const data::DatasetInfo* data = target_data(set);
  return data ? views_.check(view, *data) : Status::Ok();
}

// {"lesson": id, "seed": n, "action": "train"}: nothing else goes with a lesson.
Status Playground::lesson_command(const nlohmann::json& j) {
  if (!j["lesson"].is_string()) return Error(ErrorCode::PARSE_ERROR, "'lesson' must be a lesson's id, e.g. \"relu-vs-sigmoid\"");
  uint64_t seed = 1;
  bool train = false;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.key() == "lesson") continue;
    if (it.key() == "seed" && it.value().is_number_integer() && it.value().get<long long>() >= 0) {
      seed = static_cast<uint64_t>(it.value().get<long long>());
    } else if (it.key() == "action" && it.value() == "train") {
      train = true;
    } else {
      return Error(ErrorCode::INVALID_ARGUMENT, "a lesson takes only \"seed\" and \"action\": \"train\" beside it, not '" +
                                                    it.key() + "'");
    }
  }
  return start_lesson(j["lesson"].get<std::string>(), seed, train);
}

Status Playground::start_lesson(const std::string& id, uint64_t seed, bool train, bool paced) {
  const Lesson* l = find_lesson(id);
  if (!l) return Error(ErrorCode::INVALID_ARGUMENT, "lesson='" + id + "': expected one of " + lesson_ids());
  std::unique_ptr<Session> source;
  if (l->pretrain) {
    auto src = make_pretrain_session(*l, seed);
    if (!src.ok()) return src.status();
    source = src.take();
  }
  NNP_RETURN_IF_ERROR(train::start_lesson(*this, *l, seed, train, paced));
  lesson_ = l;
  verdict_.reset();
  source_ = std::move(source);
  race_after_source_ = train;
  pretrain_note_.clear();
  if (l->lanes.empty() && !session_.loading()) verdict_ = l->judge(*this);
  if (views_.select && std::find(views_.names.begin(), views_.names.end(), "lessons") != views_.names.end())
    views_.select("lessons");
  return Status::Ok();
}

void Playground::judge_lesson() {
  if (!lesson_) return;
  if (lesson_->lanes.empty()) {
    if (!verdict_ && !session_.loading()) verdict_ = lesson_->judge(*this);
    return;
  }
  if (!race_.finished()) verdict_.reset();  // running, or run again
  else if (!verdict_) verdict_ = lesson_->judge(*this);
}

Status Playground::command(const std::string& text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Error(ErrorCode::PARSE_ERROR, "command is not valid JSON: " + text.substr(0, 200));
  if (!j.is_object()) return Error(ErrorCode::PARSE_ERROR, "command must be a JSON object like {\"action\":\"train\"}");
  if (j.contains("lesson")) return lesson_command(j);
  if (j.contains("init_from")) return init_command(j);
  if (j.contains("load_model")) return load_command(j);
  if (j.contains("load_csv")) return csv_command(j);
  if (j.contains("load_images")) return images_command(j);
  if (j.contains("image_format")) {
    if (j.size() != 1 || !j["image_format"].is_string())
      return Error(ErrorCode::INVALID_ARGUMENT, "image_format takes gray28 or rgb32, and nothing beside it");
    return image_format(j["image_format"].get<std::string>());
  }
  if (j.contains("csv_target")) {
    if (j.size() != 1 || !(j["csv_target"].is_string() || j["csv_target"].is_number_integer()))
      return Error(ErrorCode::INVALID_ARGUMENT, "csv_target takes a column name or number, and nothing beside it");
    return csv_target(j["csv_target"].is_string() ? j["csv_target"].get<std::string>()
                                                  : std::to_string(j["csv_target"].get<long long>()));
  }
  if (j.contains("export")) return export_command(j).status();
  std::string view;
  if (j.contains("view")) {
    if (!j["view"].is_string()) return Error(ErrorCode::PARSE_ERROR, "'view' must be a view name, e.g. \"maps\"");
    view = j["view"].get<std::string>();
    j.erase("view");
  }
  // Parse everything, check the view against where the settings lead, then apply.
  if (j.contains("race")) {
    auto rc = race_command_from_json(json_text(j));
    if (!rc.ok()) return rc.status();
    if (!view.empty()) NNP_RETURN_IF_ERROR(check_view(view, rc.value().set));
    NNP_RETURN_IF_ERROR(race_.apply(rc.value(), session_.target_config(), &session_));  // the data it heads to, if loading
  } else {
    auto cmd = command_from_json(json_text(j));
    if (!cmd.ok()) return cmd.status();
    if (!view.empty()) NNP_RETURN_IF_ERROR(check_view(view, cmd.value().set));
    NNP_RETURN_IF_ERROR(session_.apply(cmd.value()));
  }
  if (!view.empty()) views_.select(view);
  return Status::Ok();
}

std::string Playground::command_reply(const std::string& json_text) {
  const json j = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (j.is_object() && j.contains("export")) {
    auto files = export_command(j);
    if (!files.ok()) return error_reply(files.status());
    return "{\"ok\":true,\"files\":" + export_files_json(files.value()) + ",\"status\":" + status_json() + "}";
  }
  const Status st = command(json_text);
  if (!st.ok()) return error_reply(st);
  return "{\"ok\":true,\"status\":" + status_json() + "}";
}

LinkReport Playground::apply_link(const std::string& query) {
  LinkReport report;
  // Split into items; "view" and keys no setting has are taken out first.
  std::vector<std::pair<std::string, std::string>> items;  // (key, "key=value" as written)
  std::string view, lesson;
  size_t pos = (!query.empty() && (query[0] == '#' || query[0] == '?')) ? 1 : 0;
  while (pos <= query.size()) {
    size_t end = query.find('&', pos);
    if (end == std::string::npos) end = query.size();
    const std::string item = query.substr(pos, end - pos);
    pos = end + 1;
    if (item.empty()) continue;
    auto one = command_from_query(item);
    const std::string key = item.substr(0, item.find('='));
    if (key == "view") {
      view = item.size() > 5 ? item.substr(5) : "";
      continue;
    }
    if (key == "lesson") {
      lesson = item.size() > 7 ? item.substr(7) : "";
      continue;
    }
    if (is_page_key(key)) {
      report.page_items.push_back(item);
      continue;
    }
    if (!one.ok() && key != "steps" && key != "action" && !find_field(key)) {
      report.unknown_keys.push_back(key);
      continue;
    }
    items.emplace_back(key, item);
  }
  std::string rest;
  for (const auto& [key, item] : items) rest += (rest.empty() ? "" : "&") + item;
  auto whole = command_from_query(rest);
  if (whole.ok() && session_.apply(whole.value()).ok()) {
    // applied as one command
  } else {
    // Key by key: settings first, then the action (with its steps), so a typo costs only its own setting.
    std::string action;
    for (const auto& [key, item] : items) {
      if (key == "action" || key == "steps") {
        action += (action.empty() ? "" : "&") + item;
        continue;
      }
      auto one = command_from_query(item);
      Status st = one.ok() ? session_.apply(one.value()) : one.status();
      if (!st.ok()) report.problems.push_back(st.message());
    }
    if (!action.empty()) {
      auto act = command_from_query(action);
      Status st = act.ok() ? session_.apply(act.value()) : act.status();
      if (!st.ok()) report.problems.push_back(st.message());
    }
  }
  if (!lesson.empty()) {  // a lesson sets everything up (the link's other settings come before it)
    bool run = false;      // #lesson=id&action=train: runs it at once
    for (const auto& [key, item] : items) run = run || item == "action=train";
    Status st = start_lesson(lesson, session_.config().seed, run);
    if (!st.ok()) report.problems.push_back(st.message());
  }
  if (!view.empty()) {
    Status st = check_view(view, {});
    if (st.ok()) views_.select(view);
    else report.problems.push_back(st.message());
  }
  auto challenge = parse_challenge(report.page_items);
  if (challenge.ok()) {
    challenge_ = challenge.value();
    progress_ = {};
  } else {
    report.problems.push_back(challenge.status().message());
  }
  return report;
}

std::string Playground::status_json() const {
  std::string s = with_race_status(status_to_json(session_.status()), race_);
  const std::string view = views_.current ? views_.current() : "";
  json lesson = nullptr;
  if (lesson_) {
    lesson = {{"id", lesson_->id}, {"finished", verdict_.has_value()}};
    if (lesson_->pretrain) {
      lesson["pretraining"] = source_ != nullptr;
      lesson["pretrain"] = pretrain_note_.empty() ? json(nullptr) : json(pretrain_note_);
    }
    if (verdict_) {
      lesson["holds"] = verdict_->holds;
      lesson["outcome"] = verdict_->outcome;
      json numbers = json::object();
      for (const auto& [name, value] : verdict_->numbers) numbers[name] = float_json(value);
      lesson["numbers"] = numbers;
    }
  }
  json challenge = nullptr;
  if (challenge_.active()) {
    challenge = {{"goal", challenge_.goal_text()},
                 {"text", challenge_.text},
                 {"met", progress_.met},
                 {"met_step", progress_.met ? json(progress_.met_step) : json(nullptr)},
                 {"met_value", progress_.met ? float_json(progress_.met_value) : json(nullptr)},
                 {"met_network", progress_.met ? json(progress_.met_network) : json(nullptr)},
                 {"best", progress_.has_best ? float_json(progress_.best) : json(nullptr)},
                 {"blocked", progress_.blocked.empty() ? json(nullptr) : json(progress_.blocked)}};
  }
  const size_t end = s.rfind('}');
  return s.substr(0, end) + ",\"challenge\":" + json_text(challenge) + ",\"view\":" + (view.empty() ? "null" : json_text(json(view))) + ",\"lesson\":" + json_text(lesson) + "}";
}

std::string Playground::catalog_json() {
  json datasets = json::array();
  for (const data::DatasetInfo& d : data::dataset_catalog())
    datasets.push_back({{"key", d.key}, {"title", d.title}, {"family", data::family_title(d.family)}});
  json list = json::array();
  for (const Lesson& l : lessons()) list.push_back({{"id", l.id}, {"section", l.section}, {"title", l.title}});
  const json j = {{"ok", true}, {"datasets", std::move(datasets)}, {"lessons", std::move(list)}};
  return json_text(j);
}

Status Playground::run_for(double budget_ms) {
  if (source_) return advance_source(budget_ms);  // the race trains after the lesson's source run
  // A running race shares the budget with the session (all of it while the session is paused).
  const double race_ms = race_.running() ? (session_.status().running ? 0.5 : 1.0) * budget_ms : 0.0;
  Status first = Status::Ok();
  if (race_.active()) first = race_.run_for(race_ms);  // a diverging lane stops alone and shows its error
  Status st = session_.run_for(budget_ms - race_ms);   // errors pause the run and show as last_error
  judge_lesson();
  observe(challenge_, session_.status(), progress_);
  return first.ok() ? st : first;
}

std::string Playground::next_wanted_file() const {
  std::vector<std::string> wanted = session_.wanted_files();
  if (wanted.empty()) wanted = race_.wanted_files();
  if (wanted.empty() && source_) wanted = source_->wanted_files();
  return wanted.empty() ? "" : wanted.front();
}

void Playground::file_progress(const std::string& file, int64_t loaded, int64_t total) {
  session_.file_progress(file, loaded, total);
  race_.file_progress(file, loaded, total);
  if (source_) source_->file_progress(file, loaded, total);
}

void Playground::provide_file(const std::string& file, std::vector<uint8_t> bytes) {
  const auto race_wants = race_.wanted_files();
  if (std::find(race_wants.begin(), race_wants.end(), file) != race_wants.end()) race_.provide_file(file, bytes);
  if (source_) source_->provide_file(file, bytes);  // ignored unless it wants it
  session_.provide_file(file, std::move(bytes));   // ignored unless the session wants it
}

void Playground::fail_file(const std::string& file, const std::string& message) {
  const auto wants = session_.wanted_files();
  if (std::find(wants.begin(), wants.end(), file) != wants.end()) session_.fail_file(file, message);
  const auto race_wants = race_.wanted_files();
  if (std::find(race_wants.begin(), race_wants.end(), file) != race_wants.end()) race_.fail_file(file, message);
  if (!source_) return;
  const auto source_wants = source_->wanted_files();
  if (std::find(source_wants.begin(), source_wants.end(), file) != source_wants.end())
    fail_source("could not load " + file + ": " + message);
}

// ------------------------------------------------------- transfer learning

void Playground::add_model_file(const std::string& name, std::vector<uint8_t> bytes) {
  model_files_[name] = std::move(bytes);
}

Result<Transfer> Playground::init_from(const std::string& name, int lane, bool head) {
  auto it = model_files_.find(name);
  if (it == model_files_.end()) {
    std::string known;
    for (const auto& kv : model_files_) known += (known.empty() ? "" : ", ") + kv.first;
    return Error(ErrorCode::NOT_FOUND, "init_from='" + name + "': no model file of that name was given" +
                                           (known.empty() ? std::string(" (none was)") : " (given: " + known + ")"));
  }
  if (lane >= 0) return race_.init_lane_from(lane, it->second, name, head);
  return session_.init_from(it->second, name, head);
}

// {"init_from": name} or {"init_from": name, "race": true, "lane": i}, optionally "head": false; nothing else.
Result<std::vector<ExportFile>> Playground::export_command(const json& j) {
  if (!j["export"].is_string()) return Error(ErrorCode::PARSE_ERROR, "'export' must be a format, e.g. \"pytorch\"");
  for (auto it = j.begin(); it != j.end(); ++it)
    if (it.key() != "export")
      return Error(ErrorCode::INVALID_ARGUMENT, "an export takes nothing beside it, not '" + it.key() + "'");
  const std::string format = j["export"].get<std::string>();
  if (format == "onnx") return export_onnx(session_);
  if (format == "nnplay") return std::vector<ExportFile>{{"model.nnp", session_.save()}};
  if (format != "pytorch")
    return Error(ErrorCode::INVALID_ARGUMENT, "export='" + format + "': expected pytorch, onnx or nnplay");
  return export_pytorch(session_);
}

// {"load_model": base64, "name": "model.nnp"}: nothing else beside it.
Status Playground::load_command(const json& j) {
  if (!j["load_model"].is_string())
    return Error(ErrorCode::PARSE_ERROR, "'load_model' must be the model file's bytes as base64 text");
  std::string name = "model.nnp";
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.key() == "load_model") continue;
    if (it.key() == "name" && it.value().is_string() && !it.value().get<std::string>().empty()) {
      name = it.value().get<std::string>();
    } else {
      return Error(ErrorCode::INVALID_ARGUMENT,
                   "load_model takes only \"name\": \"file.nnp\" beside it, not '" + it.key() + "'");
    }
  }
  auto bytes = base64_decode(j["load_model"].get<std::string>());
  if (!bytes.ok()) return Error(ErrorCode::PARSE_ERROR, "load_model: " + bytes.status().message());
  return load_model(name, bytes.value());
}

Status Playground::load_model(const std::string& name, std::span<const uint8_t> bytes) {
  return session_.load(bytes, name);
}

// {"load_csv": text, "name": "marks.csv", "target": "grade"}: nothing else beside it.
Status Playground::csv_command(const json& j) {
  if (!j["load_csv"].is_string()) return Error(ErrorCode::PARSE_ERROR, "'load_csv' must be the CSV file's text");
  std::string name = "data.csv", target;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.key() == "load_csv") continue;
    if (it.key() == "name" && it.value().is_string() && !it.value().get<std::string>().empty()) {
      name = it.value().get<std::string>();
    } else if (it.key() == "target" && it.value().is_string()) {
      target = it.value().get<std::string>();
    } else if (it.key() == "target" && it.value().is_number_integer()) {
      target = std::to_string(it.value().get<long long>());
    } else {
      return Error(ErrorCode::INVALID_ARGUMENT, "load_csv takes only \"name\" and \"target\" (a column name or "
                                                "number) beside it, not '" + it.key() + "'");
    }
  }
  return load_csv(name, j["load_csv"].get<std::string>(), target);
}

Status Playground::load_csv(const std::string& name, std::string_view text, const std::string& target) {
  return show_data(session_.load_csv(text, name, target));
}

Status Playground::csv_target(const std::string& target) {
  return show_data(session_.set_csv_target(target));
}

// After new data: its picture comes to the front (when the front end has views).
Status Playground::show_data(Status st) {
  if (st.ok() && views_.select && std::find(views_.names.begin(), views_.names.end(), "main") != views_.names.end())
    views_.select("main");
  return st;
}

namespace {
std::string lower_suffix(const std::string& name, size_t n) {
  std::string suffix = name.size() > n ? name.substr(name.size() - n) : "";
  for (char& ch : suffix) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return suffix;
}
bool is_zip_name(const std::string& name) { return lower_suffix(name, 4) == ".zip"; }
}  // namespace

Status Playground::load_file(const std::string& name, std::span<const uint8_t> bytes) {
  const std::string suffix = lower_suffix(name, 4);
  if (suffix == ".csv" || suffix == ".tsv" || suffix == ".txt") return load_csv(name, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  if (is_zip_name(name) || data::is_image_path(name))
    return load_files({data::ImageFile{name, std::vector<uint8_t>(bytes.begin(), bytes.end())}});
  return load_model(name, bytes);
}

Status Playground::load_images(std::vector<data::ImageFile> files, const std::string& label, const std::string& format) {
  data::ImageSetOptions o;
  NNP_RETURN_IF_ERROR(data::parse_image_format(format, &o));
  return show_data(session_.load_images(std::move(files), label, o.channels, o.size));
}

Status Playground::image_format(const std::string& format) {
  data::ImageSetOptions o;
  NNP_RETURN_IF_ERROR(data::parse_image_format(format, &o));
  return show_data(session_.set_image_format(o.channels, o.size));
}

Status Playground::load_files(std::vector<data::ImageFile> files, const std::string& format) {
  if (files.size() == 1 && !is_zip_name(files[0].path) && !data::is_image_path(files[0].path))
    return load_file(files[0].path, files[0].bytes);
  // The label: one file's name, the folder all share, or the count.
  std::string label = files.size() == 1 ? files[0].path : "";
  if (files.size() > 1) {
    const std::string first = files[0].path.substr(0, files[0].path.find('/'));
    const bool shared = files[0].path.find('/') != std::string::npos &&
                        std::all_of(files.begin(), files.end(), [&](const data::ImageFile& f) {
                          return f.path.compare(0, first.size() + 1, first + "/") == 0;
                        });
    label = shared ? first : std::to_string(files.size()) + " files";
  }
  std::vector<data::ImageFile> images;
  for (data::ImageFile& f : files) {
    if (!is_zip_name(f.path)) {
      images.push_back(std::move(f));
      continue;
    }
    auto entries = read_zip(f.bytes);
    if (!entries.ok()) return Error(entries.status().code(), f.path + ": " + entries.status().message());
    for (ZipEntry& e : entries.value()) images.push_back({std::move(e.name), std::move(e.bytes)});
  }
  return load_images(std::move(images), label, format);
}

// {"load_images": base64 zip | [{"path", "bytes"}...], "name": "pets.zip", "format": "gray28"}
Status Playground::images_command(const json& j) {
  std::string name = "images.zip", format = "gray28";
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.key() == "load_images") continue;
    if (it.key() == "name" && it.value().is_string() && !it.value().get<std::string>().empty()) {
      name = it.value().get<std::string>();
    } else if (it.key() == "format" && it.value().is_string()) {
      format = it.value().get<std::string>();
    } else {
      return Error(ErrorCode::INVALID_ARGUMENT, "load_images takes only \"name\" and \"format\" (gray28 or "
                                                "rgb32) beside it, not '" + it.key() + "'");
    }
  }
  const json& v = j["load_images"];
  std::vector<data::ImageFile> files;
  if (v.is_string()) {
    auto bytes = base64_decode(v.get<std::string>());
    if (!bytes.ok()) return Error(ErrorCode::PARSE_ERROR, "load_images: " + bytes.status().message());
    files.push_back({is_zip_name(name) ? name : name + ".zip", bytes.take()});
  } else if (v.is_array()) {
    for (const json& f : v) {
      if (!f.is_object() || !f.contains("path") || !f["path"].is_string() || !f.contains("bytes") ||
          !f["bytes"].is_string() || f.size() != 2)
        return Error(ErrorCode::PARSE_ERROR, "load_images: each file is {\"path\": \"cats/1.png\", \"bytes\": base64}");
      auto bytes = base64_decode(f["bytes"].get<std::string>());
      if (!bytes.ok())
        return Error(ErrorCode::PARSE_ERROR, "load_images: " + f["path"].get<std::string>() + ": " + bytes.status().message());
      files.push_back({f["path"].get<std::string>(), bytes.take()});
    }
  } else {
    return Error(ErrorCode::PARSE_ERROR, "'load_images' must be a zip's bytes as base64, or a list of files");
  }
  data::ImageSetOptions o;
  NNP_RETURN_IF_ERROR(data::parse_image_format(format, &o));  // before the work of decoding
  if (v.is_string()) return load_files(std::move(files), format);
  return load_images(std::move(files), name, format);
}

Status Playground::init_command(const json& j) {
  if (!j["init_from"].is_string())
    return Error(ErrorCode::PARSE_ERROR, "'init_from' must be the name of a model file, e.g. \"pretrained.nnp\"");
  int lane = -1;
  bool race = false, head = true;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.key() == "init_from") continue;
    if (it.key() == "head" && it.value().is_boolean()) {
      head = it.value().get<bool>();
    } else if (it.key() == "race" && it.value() == true) {
      race = true;
    } else if (it.key() == "lane" && it.value().is_number_integer() && it.value().get<long long>() >= 0 &&
               it.value().get<long long>() < Race::kMaxLanes) {
      lane = static_cast<int>(it.value().get<long long>());
    } else {
      return Error(ErrorCode::INVALID_ARGUMENT, "init_from takes only \"head\": true|false, \"race\": true and \"lane\": 0.." +
                                                    std::to_string(Race::kMaxLanes - 1) + " beside it, not '" +
                                                    it.key() + "': " + json_text(it.value()));
    }
  }
  if (race != (lane >= 0))
    return Error(ErrorCode::INVALID_ARGUMENT, "init_from for a race lane takes both \"race\": true and \"lane\"");
  return init_from(j["init_from"].get<std::string>(), lane, head).status();
}

// ------------------------------------------------------ a lesson's source run

void Playground::fail_source(const std::string& why) {
  source_.reset();
  pretrain_note_ = "the source run failed: " + why;
  verdict_ = Verdict{false, "The lesson could not be measured: " + pretrain_note_, {}};
}

Status Playground::advance_source(double budget_ms) {
  if (source_->loading()) return Status::Ok();
  if (!source_->status().last_error.empty()) {  // its data could not be parsed
    fail_source(source_->status().last_error);
    return Status::Ok();
  }
  const auto t0 = std::chrono::steady_clock::now();
  auto elapsed_ms = [&] { return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count(); };
  Command step;
  step.action = Action::Step;
  // One step at a time, so the same steps run at any frame rate (the weights are the seed's alone).
  do {
    if (source_->trainer().step_count() >= lesson_->pretrain->steps) return finish_source();
    const Status st = source_->apply(step);
    if (!st.ok()) {
      fail_source(st.message());
      return st;
    }
  } while (elapsed_ms() < budget_ms);
  return Status::Ok();
}

Status Playground::finish_source() {
  const LessonPretrain& pre = *lesson_->pretrain;
  const std::string file = std::string(lesson_->id) + "-source.nnp";
  std::vector<uint8_t> bytes = source_->save();
  const SessionStatus src = source_->status();
  std::string note = "pretrained " + std::to_string(src.step) + " steps on " + pre.label;
  if (src.has_metrics) note += " (validation accuracy " + std::to_string(static_cast<int>(src.acc_val * 100.0f + 0.5f)) + "%)";
  source_.reset();
  for (int lane : pre.lanes) {
    auto t = race_.init_lane_from(lane, bytes, file, pre.head);
    if (!t.ok()) {
      fail_source(t.status().message());
      return t.status();
    }
    note += "; " + race_.lane_label(lane) + ": " + t.value().text();
  }
  pretrain_note_ = note;
  model_files_[file] = std::move(bytes);  // a student may start their own network from it too
  if (!race_after_source_) return Status::Ok();
  RaceCommand go;
  go.action = Action::Train;
  return race_.apply(go, session_.target_config(), &session_);
}

}  // namespace nnplay::train
