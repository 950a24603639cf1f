#include "core/weights.h"

#include <map>
#include <memory>
#include <vector>

#include "core/csv.h"
#include "core/error.h"
#include "core/suggest.h"

namespace govmap {
namespace {

// Large enough for any sensible weight, small enough that a path of a million
// edges cannot overflow.
constexpr Milli kMaxMilli = 1000000LL * kMilli;

const std::vector<std::string>& layer_words() {
  static const std::vector<std::string> words = {"statutory", "shadow", "*"};
  return words;
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

Weights read(CsvReader& reader) {
  Weights weights;
  DiagnosticSink sink;
  CsvRecord header;
  if (!reader.next(header)) {
    Diagnostic d;
    d.file = reader.name();
    d.message = "weights file is empty; expected a header row: kind, layer, weight";
    throw Error(Error::Kind::kInput, {d});
  }
  CsvHeader columns(reader, header, {"kind", "layer", "weight"}, {}, sink);
  if (!columns.ok()) sink.throw_if_any();
  const size_t kind_col = columns.index("kind");
  const size_t layer_col = columns.index("layer");
  const size_t weight_col = columns.index("weight");

  std::map<std::pair<RelKind, Layer>, int> first_line;  // pair -> line that set it
  CsvRecord rec;
  while (reader.next(rec)) {
    if (rec.fields.size() == 1 && trim(rec.fields[0]).empty()) continue;  // blank line
    if (rec.fields.size() != columns.width()) {
      sink.add(reader.at(rec, std::min(rec.fields.size(), columns.width()),
                         "expected " + std::to_string(columns.width()) + " fields, found " +
                             std::to_string(rec.fields.size())));
      continue;
    }
    bool ok = true;
    std::string kind_text = trim(rec.fields[kind_col]);
    std::optional<RelKind> kind = parse_rel_kind(kind_text);
    if (!kind) {
      sink.add(reader.at(rec, kind_col,
                         kind_text.empty()
                             ? "missing value for 'kind'"
                             : "unknown relationship kind '" + kind_text + "'" +
                                   did_you_mean(kind_text, all_rel_kind_names()) +
                                   " (valid kinds: " + join(all_rel_kind_names()) + ")"));
      ok = false;
    }
    std::string layer_text = trim(rec.fields[layer_col]);
    std::vector<Layer> layers;
    if (layer_text == "*") {
      layers = {Layer::kStatutory, Layer::kShadow};
    } else if (auto l = parse_layer(layer_text)) {
      layers = {*l};
    } else {
      sink.add(reader.at(rec, layer_col,
                         layer_text.empty() ? "missing value for 'layer'"
                                            : "unknown layer '" + layer_text + "'" +
                                                  did_you_mean(layer_text, layer_words()) +
                                                  " (valid: statutory, shadow, or * for both)"));
      ok = false;
    }
    std::string weight_text = trim(rec.fields[weight_col]);
    std::optional<Milli> weight;
    if (weight_text != "none") {
      weight = parse_milli(weight_text);
      if (!weight) {
        sink.add(reader.at(rec, weight_col,
                           weight_text.empty()
                               ? "missing value for 'weight'"
                               : "invalid weight '" + weight_text +
                                     "': expected a positive number with at most three "
                                     "decimal places (e.g. 2 or 1.5), or 'none' to not follow "
                                     "this kind and layer"));
        ok = false;
      }
    }
    if (!ok) continue;
    for (Layer l : layers) {
      auto [it, inserted] = first_line.emplace(std::make_pair(*kind, l), rec.line);
      if (!inserted) {
        sink.add(reader.at(rec, kind_col,
                           "duplicate weight for " + kind_text + " in the " + name_of(l) +
                               " layer (first given on line " + std::to_string(it->second) + ")"));
        continue;
      }
      weights.set(*kind, l, weight);
    }
  }
  sink.throw_if_any();
  return weights;
}

}  // namespace

Weights::Weights() {
  for (size_t k = 0; k < kKinds; ++k) {
    auto kind = static_cast<RelKind>(k);
    Milli base = (kind == RelKind::kScrutinisedBy || kind == RelKind::kRegulatedBy) ? 2 : 1;
    set(kind, Layer::kStatutory, base * kMilli);
    set(kind, Layer::kShadow, (base + 1) * kMilli);
  }
}

Weights load_weights(const std::string& path) {
  CsvReader reader(path);
  return read(reader);
}

Weights parse_weights(const std::string& name, const std::string& text) {
  CsvReader reader(name, text);
  return read(reader);
}

std::string format_milli(Milli m) {
  std::string out = std::to_string(m / kMilli);
  Milli frac = m % kMilli;
  if (frac == 0) return out;
  std::string digits = std::to_string(frac + kMilli).substr(1);  // three digits, zero-padded
  while (digits.back() == '0') digits.pop_back();
  return out + "." + digits;
}

std::optional<Milli> parse_milli(const std::string& text) {
  size_t dot = text.find('.');
  std::string whole = text.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : text.substr(dot + 1);
  auto all_digits = [](const std::string& s) {
    return s.find_first_not_of("0123456789") == std::string::npos;
  };
  if (whole.empty() || whole.size() > 7 || !all_digits(whole)) return std::nullopt;
  if (dot != std::string::npos && (frac.empty() || frac.size() > 3 || !all_digits(frac)))
    return std::nullopt;
  while (frac.size() < 3) frac.push_back('0');
  Milli m = std::stoll(whole) * kMilli + std::stoll(frac);
  if (m <= 0 || m > kMaxMilli) return std::nullopt;
  return m;
}

}  // namespace govmap
