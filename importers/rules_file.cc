#include "importers/rules_file.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>

#include "core/suggest.h"
#include "importers/toml_checker.h"

namespace govmap {

const char* const kRulesFileName = "rules.toml";

namespace {

const std::vector<std::string> kTopKeys = {"body", "boundary", "rule", "title"};
const std::vector<std::string> kBodyKeys = {"existing", "from",    "id", "kind", "name",
                                            "owners",   "sources", "to", "type"};
const std::vector<std::string> kRuleKeys = {"from",     "id",           "layer",   "legal_basis",
                                            "limits",   "relationship", "sources", "statement",
                                            "subjects", "target",       "to",      "url"};
const std::vector<std::string> kBoundaryKeys = {"area",        "commissioner", "from", "id",
                                                "legal_basis", "sources",      "to"};
const std::vector<std::string> kSubjectKeys = {"body", "kinds", "tiers"};
const std::vector<std::string> kSets = {"self",   "owner",   "councils", "owner's councils",
                                        "system", "systems", "members"};

class Reader : public TomlChecker {
 public:
  Reader(std::string file, const std::string& text, DiagnosticSink& sink)
      : TomlChecker(std::move(file), text, &sink) {}

  std::string string(const toml::table& t, const char* key, bool required,
                     const std::string& where) {
    return TomlChecker::string(t, key, required ? where : "");
  }

  std::optional<Date> date(const toml::table& t, const char* key) {
    return TomlChecker::date(t, key, "2013-04-01");
  }

  Interval interval(const toml::table& t, const std::string& where) {
    Interval iv;
    auto from = date(t, "from");
    if (!from && !t.get("from"))
      error(t.source(), where + " needs 'from' (its first day in force)");
    if (from) iv.from = *from;
    iv.to = date(t, "to");
    if (from && iv.to && *iv.to < *from)
      error(t.get("to")->source(), "'to' " + iv.to->str() + " is before 'from' " + from->str());
    return iv;
  }

  std::vector<std::string> sources(const toml::table& t, const std::set<std::string>& known) {
    std::vector<std::string> out = strings(t, "sources");
    if (!known.empty()) {
      std::vector<std::string> all(known.begin(), known.end());
      for (const std::string& s : out)
        if (!known.count(s))
          error(t.get("sources")->source(),
                "source '" + s + "' is not in the map's sources.csv" + did_you_mean(s, all));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  RuleSubjects subjects(const toml::table& t, const char* key, const std::string& where,
                        const std::set<std::string>& body_types) {
    RuleSubjects s;
    const toml::node* n = t.get(key);
    const toml::table* st = n ? n->as_table() : nullptr;
    if (!st) {
      error(n ? n->source() : t.source(),
            where + " needs '" + key + "', a table such as { kinds = [\"ccg\"] }");
      return s;
    }
    check_keys(*st, kSubjectKeys, std::string("'") + key + "'");
    for (const std::string& k : strings(*st, "kinds")) {
      if (auto kind = parse_org_kind(k))
        s.kinds.insert(*kind);
      else
        error(st->get("kinds")->source(),
              "unknown organisation kind '" + k + "'" + did_you_mean(k, all_org_kind_names()));
    }
    for (const std::string& tier : strings(*st, "tiers")) {
      const auto& tiers = all_la_tier_names();
      if (std::find(tiers.begin(), tiers.end(), tier) == tiers.end())
        error(st->get("tiers")->source(), "unknown tier '" + tier + "'" +
                                              did_you_mean(tier, tiers) +
                                              " (valid: " + join(tiers) + ")");
      s.tiers.insert(tier);
    }
    s.body_type = string(*st, "body", false, where);
    if (!s.body_type.empty() && !body_types.count(s.body_type))
      error(st->get("body")->source(),
            "no [[body]] of type '" + s.body_type + "' is defined above" +
                did_you_mean(s.body_type, {body_types.begin(), body_types.end()}));
    if (s.kinds.empty() && s.body_type.empty())
      error(st->source(), std::string("'") + key + "' needs 'kinds' or 'body'");
    return s;
  }
};

int line_of(const toml::table& t) {
  return static_cast<int>(t.source().begin.line);
}

std::optional<RuleTarget> parse_target(const std::string& text,
                                       const std::set<std::string>& body_types,
                                       std::string* problem) {
  RuleTarget t;
  t.text = text;
  std::string set = text;
  size_t of = text.find(" of ");
  if (of != std::string::npos) {
    t.body_type = text.substr(0, of);
    set = text.substr(of + 4);
    if (!body_types.count(t.body_type)) {
      *problem = "no [[body]] of type '" + t.body_type + "' is defined above" +
                 did_you_mean(t.body_type, {body_types.begin(), body_types.end()});
      return std::nullopt;
    }
  }
  static const std::map<std::string, TargetSet> kByName = {
      {"self", TargetSet::kSelf},         {"owner", TargetSet::kOwner},
      {"councils", TargetSet::kCouncils}, {"owner's councils", TargetSet::kOwnerCouncils},
      {"system", TargetSet::kSystem},     {"systems", TargetSet::kSystems},
      {"members", TargetSet::kMembers}};
  auto it = kByName.find(set);
  if (it != kByName.end()) {
    t.set = it->second;
    return t;
  }
  if (!t.body_type.empty() || set.empty() || set.find(' ') != std::string::npos) {
    *problem = "unknown target set '" + set + "'" + did_you_mean(set, kSets) +
               " (valid: an organisation id, or [TYPE of] " + join(kSets, " | ") + ")";
    return std::nullopt;
  }
  t.set = TargetSet::kFixed;
  t.fixed_id = set;
  return t;
}

}  // namespace

RuleSet parse_rules(const std::string& file, const std::string& text, const std::string& map_name,
                    const std::set<std::string>& known_sources, DiagnosticSink& sink) {
  RuleSet set;
  set.dataset = "rules:" + map_name;
  set.file = file;
  Reader in(file, text, sink);
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    in.error(e.source(), std::string(e.description()));
    return set;
  }
  in.check_keys(root, kTopKeys, "the rules file");
  std::set<std::string> body_types, rule_ids;

  auto tables = [&](const char* key) {
    std::vector<const toml::table*> out;
    const toml::node* n = root.get(key);
    if (!n) return out;
    const toml::array* arr = n->as_array();
    if (!arr) {
      in.error(n->source(),
               std::string("'") + key + "' must be an array of tables: [[" + key + "]]");
      return out;
    }
    for (const toml::node& item : *arr) {
      if (const toml::table* t = item.as_table())
        out.push_back(t);
      else
        in.error(item.source(), std::string("[[") + key + "]] entries must be tables");
    }
    return out;
  };

  for (const toml::table* t : tables("body")) {
    in.check_keys(*t, kBodyKeys, "[[body]]");
    DerivedBodyType b;
    b.line = line_of(*t);
    b.type = in.string(*t, "type", true, "[[body]]");
    if (!b.type.empty() && !body_types.insert(b.type).second)
      in.error(t->get("type")->source(), "body type '" + b.type + "' is defined twice");
    std::string kind = in.string(*t, "kind", true, "[[body]]");
    if (auto k = parse_org_kind(kind))
      b.kind = *k;
    else if (!kind.empty())
      in.error(t->get("kind")->source(), "unknown organisation kind '" + kind + "'" +
                                             did_you_mean(kind, all_org_kind_names()));
    b.owners = in.subjects(*t, "owners", "[[body]]", body_types);
    b.valid = in.interval(*t, "[[body]]");
    b.id_template = in.string(*t, "id", true, "[[body]]");
    if (!b.id_template.empty() && b.id_template.find("{id}") == std::string::npos)
      in.error(t->get("id")->source(),
               "'id' must contain {id} (the owner's id), e.g. \"osc-{id}\"");
    b.name_template = in.string(*t, "name", true, "[[body]]");
    std::string existing = in.string(*t, "existing", false, "[[body]]");
    if (!existing.empty()) {
      // "owner elected_by" (owner -> X) or "committee_of owner" (X -> owner).
      std::string rel;
      if (existing.compare(0, 6, "owner ") == 0) {
        b.existing_from_owner = true;
        rel = existing.substr(6);
      } else if (existing.size() > 6 && existing.compare(existing.size() - 6, 6, " owner") == 0) {
        rel = existing.substr(0, existing.size() - 6);
      }
      if (auto k = parse_rel_kind(rel))
        b.existing_link = *k;
      else
        in.error(t->get("existing")->source(),
                 "'existing' must be \"owner RELATIONSHIP\" or \"RELATIONSHIP owner\" with a "
                 "relationship kind" +
                     (rel.empty() ? std::string() : did_you_mean(rel, all_rel_kind_names())));
    }
    b.sources = in.sources(*t, known_sources);
    set.bodies.push_back(std::move(b));
  }

  for (const toml::table* t : tables("rule")) {
    in.check_keys(*t, kRuleKeys, "[[rule]]");
    Rule r;
    r.line = line_of(*t);
    r.id = in.string(*t, "id", true, "[[rule]]");
    if (!r.id.empty() && !rule_ids.insert(r.id).second)
      in.error(t->get("id")->source(), "rule id '" + r.id + "' is used twice");
    if (r.id.find(' ') != std::string::npos)
      in.error(t->get("id")->source(), "rule id '" + r.id + "' must not contain spaces");
    r.statement = in.string(*t, "statement", true, "[[rule]]");
    r.subjects = in.subjects(*t, "subjects", "[[rule]]", body_types);
    std::string rel = in.string(*t, "relationship", true, "[[rule]]");
    if (auto k = parse_rel_kind(rel))
      r.kind = *k;
    else if (!rel.empty())
      in.error(t->get("relationship")->source(),
               "unknown relationship kind '" + rel + "'" + did_you_mean(rel, all_rel_kind_names()));
    std::string layer = in.string(*t, "layer", true, "[[rule]]");
    if (auto l = parse_layer(layer))
      r.layer = *l;
    else if (!layer.empty())
      in.error(t->get("layer")->source(),
               "unknown layer '" + layer + "'" + did_you_mean(layer, all_layer_names()));
    std::string target = in.string(*t, "target", true, "[[rule]]");
    if (!target.empty()) {
      std::string problem;
      if (auto tg = parse_target(target, body_types, &problem))
        r.target = *tg;
      else
        in.error(t->get("target")->source(), problem);
    }
    r.valid = in.interval(*t, "[[rule]]");
    r.legal_basis = in.string(*t, "legal_basis", false, "[[rule]]");
    if (r.layer == Layer::kStatutory && r.legal_basis.empty())
      in.error(t->source(), "rule '" + r.id +
                                "' is in the statutory layer and needs 'legal_basis' (the Act, "
                                "section or SI); a rule with no basis belongs in the shadow layer");
    r.sources = in.sources(*t, known_sources);
    if (r.sources.empty())
      in.error(t->source(), "rule '" + r.id + "' needs 'sources' (ids in the map's sources.csv)");
    r.url = in.string(*t, "url", false, "[[rule]]");
    r.limits = in.string(*t, "limits", false, "[[rule]]");
    set.rules.push_back(std::move(r));
  }

  for (const toml::table* t : tables("boundary")) {
    in.check_keys(*t, kBoundaryKeys, "[[boundary]]");
    BoundaryChange c;
    c.line = line_of(*t);
    c.id = in.string(*t, "id", true, "[[boundary]]");
    auto from = in.date(*t, "from");
    if (from)
      c.from = *from;
    else if (!t->get("from"))
      in.error(t->source(), "[[boundary]] needs 'from' (the first day of the new boundary)");
    c.area = in.string(*t, "area", false, "[[boundary]]");
    c.commissioner = in.string(*t, "commissioner", true, "[[boundary]]");
    c.to = in.string(*t, "to", true, "[[boundary]]");
    c.legal_basis = in.string(*t, "legal_basis", true, "[[boundary]]");
    c.sources = in.sources(*t, known_sources);
    set.boundaries.push_back(std::move(c));
  }
  return set;
}

RuleSet parse_rules_or_throw(const std::string& file, const std::string& text,
                             const std::string& map_name,
                             const std::set<std::string>& known_sources) {
  DiagnosticSink sink;
  RuleSet set = parse_rules(file, text, map_name, known_sources, sink);
  sink.throw_if_any();
  return set;
}

}  // namespace govmap
