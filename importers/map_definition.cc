#include "importers/map_definition.h"

#include <sys/stat.h>

#include <toml++/toml.h>
#include <algorithm>
#include <tuple>

#include "core/error.h"
#include "core/hash.h"
#include "core/suggest.h"
#include "importers/toml_checker.h"

namespace govmap {
namespace {

const std::vector<std::string> kKinds = {"diagram", "report",   "distance",
                                         "compare", "national", "national-years"};
const std::vector<std::string> kDiagramFormats = {"dot", "pdf", "png", "svg"};
const std::vector<std::string> kReportFormats = {"html"};
const std::vector<std::string> kTableFormats = {"csv", "json"};
const std::vector<std::string>& kEngines = layout_engines();
const std::vector<std::string> kTopKeys = {"area", "data", "depends", "output", "title"};
const std::vector<std::string> kOutputKeys = {
    "area", "at",          "council", "diff",  "engine", "fold", "formats", "from",
    "kind", "layer", "name", "orientation", "page", "title", "to"};
const std::vector<std::string> kPapers = {"a4", "a3", "a2", "a1"};
const std::vector<std::string> kOrientations = {"landscape", "portrait"};

class Checker : public TomlChecker {
 public:
  Checker(std::string file, const std::string& text) : TomlChecker(std::move(file), text) {}

  std::vector<std::string> strings(const toml::table& t, const char* key) {
    return TomlChecker::strings(t, key, ", e.g. [\"svg\"]");
  }

  // A list of plain names (map folders, data files), each with its position.
  std::vector<MapReference> references(const toml::table& t, const char* key) {
    std::vector<MapReference> out;
    const toml::node* n = t.get(key);
    if (!n) return out;
    const toml::array* arr = n->as_array();
    if (!arr) {
      error(n->source(), std::string("'") + key + "' must be a list of names, e.g. [\"name\"]");
      return out;
    }
    for (const toml::node& item : *arr) {
      auto s = item.value<std::string>();
      if (!s) {
        error(item.source(), std::string("'") + key + "' must hold strings");
        continue;
      }
      MapReference ref;
      ref.name = *s;
      ref.where = position(item.source());
      ref.where.span = static_cast<int>(s->size() + 2);
      bool plain = !s->empty() && (*s)[0] != '.' && s->find('/') == std::string::npos;
      bool repeated =
          std::any_of(out.begin(), out.end(), [&](const MapReference& r) { return r.name == *s; });
      if (!plain)
        error(item.source(),
              std::string("'") + key + "' names a plain file or folder name, not '" + *s + "'");
      else if (repeated)
        error(item.source(), "'" + *s + "' is listed twice in '" + key + "'");
      else
        out.push_back(std::move(ref));
    }
    return out;
  }
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
  if (t.get("fold")) {
    o.fold = c.string(t, "fold");
    const auto& levels = fold_levels();
    if (std::find(levels.begin(), levels.end(), o.fold) == levels.end())
      c.error(t.get("fold")->source(), "unknown fold '" + o.fold + "'" +
                                           did_you_mean(o.fold, levels) + " (valid: " +
                                           join(levels) + ")");
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
  if (const toml::node* n = t.get("council")) {
    o.council = c.string(t, "council");
    if (o.kind != OutputSpec::Kind::kDiagram && o.kind != OutputSpec::Kind::kReport)
      c.error(n->source(), "'council' is for diagrams and reports");
    else if (t.get("area"))
      c.error(n->source(), "give 'area' or 'council', not both");
    o.area.clear();  // the map's area is not this output's: the council is
  }
  if (t.get("engine")) {
    o.engine = c.string(t, "engine");
    if (std::find(kEngines.begin(), kEngines.end(), o.engine) == kEngines.end())
      c.error(t.get("engine")->source(), "unknown layout engine '" + o.engine + "'" +
                                             did_you_mean(o.engine, kEngines) +
                                             " (valid: " + join(kEngines) + ")");
  }
  for (auto [key, value, valid] : {std::tuple{"page", &o.page, &kPapers},
                                   std::tuple{"orientation", &o.orientation, &kOrientations}}) {
    const toml::node* n = t.get(key);
    if (!n) continue;
    *value = c.string(t, key);
    if (o.kind != OutputSpec::Kind::kDiagram)
      c.error(n->source(), std::string("'") + key + "' is for diagrams");
    else if (std::find(valid->begin(), valid->end(), *value) == valid->end())
      c.error(n->source(), std::string("unknown ") + key + " '" + *value + "'" +
                               did_you_mean(*value, *valid) + " (valid: " + join(*valid) + ")");
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
  bool single_kind = o.kind == OutputSpec::Kind::kDistance || o.kind == OutputSpec::Kind::kNational;
  bool pair_kind = o.kind == OutputSpec::Kind::kReport || o.kind == OutputSpec::Kind::kCompare ||
                   o.kind == OutputSpec::Kind::kNationalYears;
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
  if (!o.fold.empty() && (o.kind != OutputSpec::Kind::kDiagram || pair || !o.council.empty()))
    c.error(t.get("fold")->source(),
            "'fold' is for diagrams of one date ('at') of an area, not of a council");
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
         engine + "\x1f" + page + "\x1f" + orientation + "\x1f" + council +
         (fold.empty() ? "" : "\x1f" + fold);
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
  def.depends = c.references(root, "depends");
  def.data = c.references(root, "data");
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
