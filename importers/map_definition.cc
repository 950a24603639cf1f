#include "importers/map_definition.h"

#include <sys/stat.h>

#include <toml++/toml.h>
#include <algorithm>

#include "core/error.h"
#include "core/hash.h"
#include "core/suggest.h"

namespace govmap {
namespace {

const std::vector<std::string> kKinds = {"diagram", "report", "distance", "compare"};
const std::vector<std::string> kDiagramFormats = {"dot", "pdf", "png", "svg"};
const std::vector<std::string> kReportFormats = {"html"};
const std::vector<std::string> kTableFormats = {"csv", "json"};
const std::vector<std::string>& kEngines = layout_engines();
const std::vector<std::string> kTopKeys = {"area", "depends", "output", "title"};
const std::vector<std::string> kOutputKeys = {"area", "at",    "diff", "engine", "formats", "from",
                                              "kind", "layer", "name", "title",  "to"};

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

class Checker {
 public:
  Checker(std::string file, const std::string& text)
      : file_(std::move(file)), lines_(split_lines(text)) {}

  void error(const toml::source_region& where, std::string message) {
    Diagnostic d;
    d.file = file_;
    d.line = static_cast<int>(where.begin.line);
    d.column = static_cast<int>(where.begin.column);
    if (d.line >= 1 && static_cast<size_t>(d.line) <= lines_.size())
      d.source_line = lines_[static_cast<size_t>(d.line) - 1];
    d.message = std::move(message);
    sink_.add(d);
  }

  void check_keys(const toml::table& t, const std::vector<std::string>& allowed,
                  const char* where) {
    for (const auto& [key, node] : t) {
      std::string k(key.str());
      if (std::find(allowed.begin(), allowed.end(), k) == allowed.end())
        error(key.source(), std::string("unknown key '") + k + "' in " + where +
                                did_you_mean(k, allowed) + " (valid: " + join(allowed) + ")");
    }
  }

  std::string string(const toml::table& t, const char* key) {
    const toml::node* n = t.get(key);
    if (!n) return "";
    if (auto s = n->value<std::string>()) return *s;
    error(n->source(), std::string("'") + key + "' must be a string");
    return "";
  }

  // A TOML date (2018-08-08) or a string holding one.
  std::optional<Date> date(const toml::table& t, const char* key) {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (auto d = n->value<toml::date>())
      if (auto parsed = Date::parse(date_text(*d))) return parsed;
    if (auto s = n->value<std::string>()) {
      std::string problem = Date::parse_problem(*s);
      if (problem.empty()) return Date::parse(*s);
      error(n->source(), std::string("'") + key + "': " + problem);
      return std::nullopt;
    }
    error(n->source(), std::string("'") + key + "' must be a date such as 2018-08-08");
    return std::nullopt;
  }

  std::vector<std::string> strings(const toml::table& t, const char* key) {
    std::vector<std::string> out;
    const toml::node* n = t.get(key);
    if (!n) return out;
    const toml::array* arr = n->as_array();
    if (!arr) {
      error(n->source(), std::string("'") + key + "' must be a list of strings, e.g. [\"svg\"]");
      return out;
    }
    for (const toml::node& item : *arr) {
      if (auto s = item.value<std::string>())
        out.push_back(*s);
      else
        error(item.source(), std::string("'") + key + "' must hold strings");
    }
    return out;
  }

  void throw_if_any() { sink_.throw_if_any(); }
  const std::string& file() const { return file_; }

 private:
  static std::string date_text(const toml::date& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(d.year),
                  static_cast<int>(d.month), static_cast<int>(d.day));
    return buf;
  }

  std::string file_;
  std::vector<std::string> lines_;
  DiagnosticSink sink_;
};

bool valid_name(const std::string& name) {
  if (name.empty() || name[0] == '.') return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
      return false;
  return true;
}

void read_output(Checker& c, const toml::table& t, MapDefinition& def) {
  c.check_keys(t, kOutputKeys, "[[output]]");
  OutputSpec o;
  o.line = static_cast<int>(t.source().begin.line);
  o.name = c.string(t, "name");
  if (!t.get("name"))
    c.error(t.source(), "an [[output]] needs a 'name'");
  else if (!valid_name(o.name))
    c.error(t.get("name")->source(), "output name '" + o.name +
                                         "' must be a plain file name: letters, digits, '-', '_' "
                                         "and '.', not starting with '.'");
  for (const OutputSpec& other : def.outputs)
    if (!o.name.empty() && other.name == o.name)
      c.error(t.get("name")->source(),
              "output name '" + o.name + "' is already used on line " + std::to_string(other.line));
  std::string kind = t.get("kind") ? c.string(t, "kind") : "diagram";
  auto k = std::find(kKinds.begin(), kKinds.end(), kind);
  if (k == kKinds.end()) {
    c.error(t.get("kind")->source(), "unknown output kind '" + kind + "'" +
                                         did_you_mean(kind, kKinds) + " (valid: " + join(kKinds) +
                                         ")");
    return;
  }
  o.kind = static_cast<OutputSpec::Kind>(k - kKinds.begin());
  o.title = c.string(t, "title");
  o.at = c.date(t, "at");
  o.from = c.date(t, "from");
  o.to = c.date(t, "to");
  if (const toml::node* n = t.get("diff")) {
    if (auto b = n->value<bool>())
      o.diff = *b;
    else
      c.error(n->source(), "'diff' must be true or false");
  }
  std::string layer = t.get("layer") ? c.string(t, "layer") : "both";
  if (layer != "both") {
    if (auto l = parse_layer(layer))
      o.layer = *l;
    else
      c.error(t.get("layer")->source(), "unknown layer '" + layer + "'" +
                                            did_you_mean(layer, {"statutory", "shadow", "both"}) +
                                            " (valid: statutory, shadow, both)");
  }
  o.area = t.get("area") ? c.string(t, "area") : def.area;
  if (t.get("engine")) {
    o.engine = c.string(t, "engine");
    if (std::find(kEngines.begin(), kEngines.end(), o.engine) == kEngines.end())
      c.error(t.get("engine")->source(), "unknown layout engine '" + o.engine + "'" +
                                             did_you_mean(o.engine, kEngines) +
                                             " (valid: " + join(kEngines) + ")");
  }
  const auto& allowed = formats_for(o.kind);
  for (const std::string& f : c.strings(t, "formats")) {
    if (std::find(allowed.begin(), allowed.end(), f) == allowed.end())
      c.error(t.get("formats")->source(), "a " + kind + " cannot be written as '" + f + "'" +
                                              did_you_mean(f, allowed) +
                                              " (valid: " + join(allowed) + ")");
    else
      o.formats.push_back(f);
  }
  std::sort(o.formats.begin(), o.formats.end());
  o.formats.erase(std::unique(o.formats.begin(), o.formats.end()), o.formats.end());
  if (!t.get("formats"))
    o.formats = {o.kind == OutputSpec::Kind::kDiagram  ? "svg"
                 : o.kind == OutputSpec::Kind::kReport ? "html"
                                                       : "csv"};
  // Dates: one date, or a pair, as the kind needs.
  bool pair = o.from || o.to;
  bool single_kind = o.kind == OutputSpec::Kind::kDistance;
  bool pair_kind = o.kind == OutputSpec::Kind::kReport || o.kind == OutputSpec::Kind::kCompare;
  if (o.at && pair)
    c.error(t.source(), "give either 'at' or 'from' and 'to', not both");
  else if (pair && (!o.from || !o.to))
    c.error(t.source(), "'from' and 'to' go together");
  else if (!o.at && !pair)
    c.error(t.source(), "an output needs 'at', or 'from' and 'to'");
  else if (single_kind && pair)
    c.error(t.source(), "a " + kind + " output takes 'at', not 'from' and 'to'");
  else if (pair_kind && o.at)
    c.error(t.source(), "a " + kind + " output takes 'from' and 'to', not 'at'");
  else if (o.from && o.to && *o.to < *o.from)
    c.error(t.get("to")->source(), "'to' " + o.to->str() + " is before 'from' " + o.from->str());
  if (o.diff && (o.kind != OutputSpec::Kind::kDiagram || !pair))
    c.error(t.get("diff")->source(), "'diff' is for diagrams with 'from' and 'to'");
  def.outputs.push_back(std::move(o));
}

}  // namespace

const char* kind_name(OutputSpec::Kind kind) {
  return kKinds[static_cast<size_t>(kind)].c_str();
}

const std::vector<std::string>& formats_for(OutputSpec::Kind kind) {
  switch (kind) {
    case OutputSpec::Kind::kDiagram:
      return kDiagramFormats;
    case OutputSpec::Kind::kReport:
      return kReportFormats;
    default:
      return kTableFormats;
  }
}

std::string OutputSpec::canonical() const {
  auto d = [](const std::optional<Date>& x) { return x ? x->str() : std::string(); };
  return std::string(kind_name(kind)) + "\x1f" + name + "\x1f" + title + "\x1f" + d(at) + "\x1f" +
         d(from) + "\x1f" + d(to) + "\x1f" + (diff ? "diff" : "") + "\x1f" +
         (layer ? name_of(*layer) : "both") + "\x1f" + area + "\x1f" + join(formats, ",") + "\x1f" +
         engine;
}

bool has_map_definition(const std::string& dir) {
  struct stat st;
  return ::stat((dir + "/map.toml").c_str(), &st) == 0;
}

MapDefinition read_map_definition(const std::string& dir) {
  MapDefinition def;
  def.dir = dir;
  def.file = dir + "/map.toml";
  std::string text = read_file(def.file);
  Checker c(def.file, text);
  toml::table root;
  try {
    root = toml::parse(text, def.file);
  } catch (const toml::parse_error& e) {
    c.error(e.source(), "invalid TOML: " + std::string(e.description()));
    c.throw_if_any();
  }
  c.check_keys(root, kTopKeys, "map.toml");
  def.title = c.string(root, "title");
  def.area = c.string(root, "area");
  for (const std::string& d : c.strings(root, "depends")) {
    if (d.empty() || d.find('/') != std::string::npos || d == "." || d == "..")
      c.error(root.get("depends")->source(),
              "'depends' names map folders beside this one, e.g. [\"england-national\"]; '" + d +
                  "' is not a folder name");
    else
      def.depends.push_back(d);
  }
  if (const toml::node* outputs = root.get("output")) {
    const toml::array* arr = outputs->as_array();
    if (!arr) {
      c.error(outputs->source(), "'output' must be written as [[output]] tables");
    } else {
      for (const toml::node& item : *arr) {
        if (const toml::table* t = item.as_table())
          read_output(c, *t, def);
        else
          c.error(item.source(), "'output' must be written as [[output]] tables");
      }
    }
  }
  c.throw_if_any();
  return def;
}

}  // namespace govmap
