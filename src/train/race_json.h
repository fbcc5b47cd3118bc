// race_json.h — the text form of the optimizer race (train/race.h) for
// window.nnplay.command / status(), a sibling of session_json.h built on it
// (every setting still goes through the one config table):
//
//   {"race": [{"optimizer":"sgd","lr":0.1}, {"optimizer":"adam","lr":0.01}],
//    "dataset": "spiral", "action": "train"}
//        new lanes (2-4) from the app's current settings; other keys are
//        shared settings for every lane; "action"/"steps" go to the race;
//        a lane may carry a "label" ({"label":"ReLU","layers":"16:relu"});
//        "budget": N stops each lane after N steps
//   {"race": true, "action": "pause"}           an action for every lane
//   {"race": true, "lane": 1, "beta2": 0.99}    lane 1's own settings (lane keys only)
//   {"race": true, "batch_size": 32}            a shared setting, every lane
//   {"race": false}                             no race
//
// status: "race": null, or {"running", "loading", "budget", "finished", "lanes": [{"settings": {...own keys...}, "label",
//   "optimizer", "lr", "lr_now", "schedule", "batch_size", "step", "epoch", "loss_train",
//   "acc_train", "loss_val", "acc_val", "loss_init", "acc_init", "running", "last_error"}]}
#pragma once

#include <string>

#include "core/status.h"
#include "train/race.h"

namespace nnplay::train {

/// True when `text` is a JSON object with a "race" key (the app sends it to the race).
bool is_race_command(const std::string& text);
Result<RaceCommand> race_command_from_json(const std::string& text);
/// The "race" part of status() as JSON text ("null" when there is no race).
std::string race_status_to_json(const Race& race);
/// A session status JSON object (status_to_json) with "race" added.
std::string with_race_status(const std::string& status_json, const Race& race);

}  // namespace nnplay::train
