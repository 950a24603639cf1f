#include <doctest/doctest.h>

#include "core/error.h"
#include "importers/map_definition.h"
#include "test_util.h"

using namespace govmap;

namespace {

std::vector<Diagnostic> problems(const std::string& toml) {
  test::TempDir dir;
  test::write_text(dir.file("m/map.toml"), toml);
  try {
    read_map_definition(dir.file("m"));
  } catch (const Error& e) {
    return e.diagnostics();
  }
  return {};
}

}  // namespace

TEST_CASE("a full map definition reads back") {
  test::TempDir dir;
  test::write_text(dir.file("m/map.toml"),
                   "title = \"South Yorkshire\"\n"
                   "area = \"QF7\"\n"
                   "[[output]]\n"
                   "name = \"syb-2018\"\n"
                   "at = 2018-08-08\n"
                   "formats = [\"svg\", \"dot\", \"svg\"]\n"
                   "[[output]]\n"
                   "name = \"syb-change\"\n"
                   "from = \"2018-08-08\"\n"
                   "to = 2022-07-01\n"
                   "diff = true\n"
                   "layer = \"statutory\"\n"
                   "engine = \"sfdp\"\n"
                   "[[output]]\n"
                   "name = \"syb-distance-2018\"\n"
                   "kind = \"distance\"\n"
                   "at = 2018-08-08\n"
                   "area = \"\"\n"
                   "formats = [\"json\", \"csv\"]\n");
  MapDefinition def = read_map_definition(dir.file("m"));
  CHECK(def.title == "South Yorkshire");
  REQUIRE(def.outputs.size() == 3);
  CHECK(def.outputs[0].formats == std::vector<std::string>{"dot", "svg"});
  CHECK(def.outputs[0].area == "QF7");
  CHECK(def.outputs[0].at->str() == "2018-08-08");
  CHECK(def.outputs[0].line == 3);
  CHECK(def.outputs[1].diff);
  CHECK(def.outputs[1].from->str() == "2018-08-08");
  CHECK(def.outputs[1].layer == Layer::kStatutory);
  CHECK(def.outputs[1].engine == "sfdp");
  CHECK(def.outputs[1].formats == std::vector<std::string>{"svg"});
  CHECK(def.outputs[2].kind == OutputSpec::Kind::kDistance);
  CHECK(def.outputs[2].area == "");
  CHECK(def.outputs[0].canonical() != def.outputs[1].canonical());
}

TEST_CASE("map definition errors, with line and column") {
  struct Case {
    const char* name;
    std::string toml;
    int line, column;
    std::string message;
  };
  const std::string head = "[[output]]\nname = \"x\"\n";
  const Case cases[] = {
      {"invalid toml", "title = \n", 1, 9, "invalid TOML: "},
      {"unknown top key", "titel = \"x\"\n", 1, 1,
       "unknown key 'titel' in map.toml, did you mean 'title'? (valid: area, data, depends, "
       "output, title)"},
      {"unknown output key", head + "at = 2018-08-08\nformat = [\"svg\"]\n", 4, 1,
       "unknown key 'format' in [[output]], did you mean 'formats'? (valid: area, at, council, diff, "
       "engine, "
       "fold, formats, from, kind, layer, name, orientation, page, title, to)"},
      {"unknown page", head + "at = 2018-08-08\npage = \"a5\"\n", 4, 8,
       "unknown page 'a5', did you mean"},
      {"page of a table", head + "kind = \"distance\"\nat = 2018-08-08\npage = \"a3\"\n", 5, 8,
       "'page' is for diagrams"},
      {"escaping name", "[[output]]\nname = \"../../etc/x\"\nat = 2018-08-08\n", 2, 8,
       "output name '../../etc/x' must be a plain file name: letters, digits, '-', '_' and '.', "
       "not starting with '.'"},
      {"absolute name", "[[output]]\nname = \"/tmp/x\"\nat = 2018-08-08\n", 2, 8,
       "output name '/tmp/x' must be a plain file name: letters, digits, '-', '_' and '.', not "
       "starting with '.'"},
      {"duplicate name", head + "at = 2018-08-08\n" + head + "at = 2019-08-08\n", 5, 8,
       "output name 'x' is already used on line 1"},
      {"bad date", head + "at = \"2018-02-30\"\n", 3, 6,
       "'at': day 30 is out of range in '2018-02-30'"},
      {"no date", head, 1, 1, "an output needs 'at', or 'from' and 'to'"},
      {"half a pair", head + "from = 2018-08-08\n", 1, 1, "'from' and 'to' go together"},
      {"reversed pair", head + "from = 2022-08-08\nto = 2018-08-08\n", 4, 6,
       "'to' 2018-08-08 is before 'from' 2022-08-08"},
      {"bad format", head + "at = 2018-08-08\nformats = [\"svgz\"]\n", 4, 11,
       "a diagram cannot be written as 'svgz', did you mean 'svg'? (valid: dot, pdf, png, svg)"},
      {"bad kind", head + "kind = \"reprot\"\n", 3, 8,
       "unknown output kind 'reprot', did you mean 'report'? (valid: diagram, report, distance, "
       "compare, national, national-years)"},
      {"national takes at", head + "kind = \"national\"\nfrom = 2013-07-01\nto = 2026-07-01\n", 1,
       1, "a national output takes 'at', not 'from' and 'to'"},
      {"national-years takes a pair", head + "kind = \"national-years\"\nat = 2019-04-01\n", 1, 1,
       "a national-years output takes 'from' and 'to', not 'at'"},
      {"report needs a pair", head + "kind = \"report\"\nat = 2018-08-08\n", 1, 1,
       "a report output takes 'from' and 'to', not 'at'"},
      {"diff needs a pair", head + "at = 2018-08-08\ndiff = true\n", 4, 8,
       "'diff' is for diagrams with 'from' and 'to'"},
      {"unknown fold", head + "at = 2018-08-08\nfold = \"system\"\n", 4, 8,
       "unknown fold 'system', did you mean 'systems'? (valid: systems, regions)"},
      {"fold of two dates", head + "from = 2018-08-08\nto = 2022-08-08\nfold = \"systems\"\n", 5,
       8, "'fold' is for diagrams of one date ('at') of an area, not of a council"},
      {"fold of a council",
       head + "at = 2018-08-08\ncouncil = \"la-sheffield\"\nfold = \"regions\"\n", 5, 8,
       "'fold' is for diagrams of one date"},
      {"bad layer", head + "at = 2018-08-08\nlayer = \"shadw\"\n", 4, 9,
       "unknown layer 'shadw', did you mean 'shadow'? (valid: statutory, shadow, both)"},
      {"bad engine", head + "at = 2018-08-08\nengine = \"sfpd\"\n", 4, 10,
       "unknown layout engine 'sfpd', did you mean 'sfdp'? (valid: dot, neato, fdp, sfdp, circo, "
       "twopi, osage, patchwork)"},
  };
  for (const Case& c : cases) {
    std::string case_name = c.name;
    CAPTURE(case_name);
    auto diags = problems(c.toml);
    REQUIRE(diags.size() >= 1);
    CHECK(diags[0].line == c.line);
    CHECK(diags[0].column == c.column);
    CHECK(diags[0].message.substr(0, c.message.size()) == c.message);
    CHECK(diags[0].file.find("map.toml") != std::string::npos);
  }
}
