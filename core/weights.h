// Edge weights for accountability distance and paths (docs/accountability.md).
//
// Every (relationship kind, layer) pair has a weight, or none (the pair is not
// followed). Defaults: 1 per edge, except scrutinised_by and regulated_by, which
// weigh 2 (scrutiny and inspection cannot direct); an edge in the shadow layer
// weighs 1 more. A weights file (CSV `kind,layer,weight`) replaces the default
// of each pair it names; layer `*` names both layers; weight `none` stops the
// pair being followed. Pairs the file does not name keep their default.
//
// Weights are held exactly, as integer thousandths ("milli-units"), so that
// ties are ties: 1.5 + 1.5 equals 3 with no rounding. A file may give at most
// three decimal places.
#ifndef GOVMAP_CORE_WEIGHTS_H_
#define GOVMAP_CORE_WEIGHTS_H_

#include <array>
#include <optional>
#include <string>

#include "core/kinds.h"

namespace govmap {

// A weight in thousandths: 1000 is a weight of 1.
using Milli = long long;
constexpr Milli kMilli = 1000;

class Weights {
 public:
  // The defaults described above.
  Weights();

  // The weight of an edge of this kind and layer; nullopt = not followed.
  std::optional<Milli> of(RelKind kind, Layer layer) const { return table_[index(kind, layer)]; }
  void set(RelKind kind, Layer layer, std::optional<Milli> weight) {
    table_[index(kind, layer)] = weight;
  }
  bool operator==(const Weights& o) const { return table_ == o.table_; }

 private:
  static constexpr size_t kKinds = static_cast<size_t>(RelKind::kSucceededBy) + 1;
  static size_t index(RelKind kind, Layer layer) {
    return static_cast<size_t>(kind) * 2 + static_cast<size_t>(layer);
  }
  std::array<std::optional<Milli>, kKinds * 2> table_;
};

// Reads a weights file over the defaults. Every bad row is reported as a
// file:line:column diagnostic, with a did-you-mean for kinds and layers; throws
// Error(kInput) holding them all, Error(kIo) when the file cannot be read.
Weights load_weights(const std::string& path);
// The same, from text in memory (name is used in diagnostics).
Weights parse_weights(const std::string& name, const std::string& text);

// "3", "1.5", "0.125": a weight for output, shortest exact form.
std::string format_milli(Milli m);
// Parses what format_milli writes (a positive number, at most three decimals);
// nullopt when text is anything else.
std::optional<Milli> parse_milli(const std::string& text);

}  // namespace govmap

#endif  // GOVMAP_CORE_WEIGHTS_H_
