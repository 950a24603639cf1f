// The one suggestion matcher: folding, typos, word order, past names, prefixes.
#include <doctest/doctest.h>

#include "core/suggest.h"

namespace govmap {
namespace {

TEST_CASE("fold_for_matching ignores case, accents and punctuation") {
  struct Case {
    const char* text;
    const char* folded;
  };
  for (const Case& c : std::vector<Case>{
           {"NHS Sheffield CCG", "nhs sheffield ccg"},
           {"Ynys M\xC3\xB4n", "ynys mon"},              // ô
           {"Caf\xC3\xA9  cr\xC3\xA8me", "cafe creme"},  // é, è
           {"\xC5\x81\xC3\xB3"
            "d\xC5\xBA",
            "lodz"},  // Ł ó ź
           {"Children's Hospital", "childrens hospital"},
           {"Children\xE2\x80\x99s", "childrens"},  // typographic ’
           {"Stoke-on-Trent", "stoke on trent"},
           {"foundation_trust", "foundation trust"},
           {"--kind", "kind"},
           {"  a\xE2\x80\x94"
            "b ",
            "a b"},                   // em dash
           {"\xFF\xFE", "\xFF\xFE"},  // invalid UTF-8 kept
       }) {
    CAPTURE(c.text);
    CHECK(fold_for_matching(c.text) == c.folded);
  }
}

TEST_CASE("Suggester: typos, word order, any past name") {
  Suggester s;
  s.add("03N", "03N");
  s.add("03N", "NHS Sheffield CCG");
  s.add("X24", "X24");
  s.add("X24", "NHS Commissioning Board");
  s.add("X24", "NHS England");
  s.add("la-sheffield", "Sheffield City Council");
  s.add("la-barnsley", "Barnsley Metropolitan Borough Council");

  CHECK(s.suggest("O3N") == std::vector<std::string>{"03N"});
  CHECK(s.suggest("Sheffeld CCG") == std::vector<std::string>{"03N"});
  CHECK(s.suggest("ccg sheffeild") == std::vector<std::string>{"03N"});
  CHECK(s.suggest("SHEFFIELD CCG NHS") == std::vector<std::string>{"03N"});
  // A past name counts as much as the current one.
  CHECK(s.suggest("commissioning bord") == std::vector<std::string>{"X24"});
  // Equally good matches all come back: fewest words left over, then by value.
  CHECK(s.suggest("sheffeild") == std::vector<std::string>{"03N", "la-sheffield"});
  CHECK(s.suggest("sheffeild", 1) == std::vector<std::string>{"03N"});
  // Accents in what was typed or in the name do not matter.
  CHECK(s.suggest("B\xC3\xA1rnsley") == std::vector<std::string>{"la-barnsley"});
  // Nothing close: no suggestion.
  CHECK(s.suggest("leeds").empty());
  CHECK(s.suggest("").empty());
  // Short words must match exactly: "of" is no typo of "on".
  Suggester short_words;
  short_words.add("stoke", "Stoke-on-Trent City Council");
  CHECK(short_words.suggest("of").empty());
}

TEST_CASE("closest and did_you_mean") {
  const std::vector<std::string> kinds = {"nhs_trust", "foundation_trust", "ccg", "local_authority",
                                          "metropolitan_borough"};
  CHECK(closest("ccgs", kinds) == "ccg");
  CHECK(closest("Foundation Trust", kinds) == "foundation_trust");
  CHECK(closest("metropolitan", kinds) == "metropolitan_borough");  // prefix of one
  CHECK(!closest("xyz", kinds));
  CHECK(did_you_mean("local_authoirty", kinds) == ", did you mean 'local_authority'?");
  CHECK(did_you_mean("zzz", kinds).empty());
  CHECK(closest("--kindd", {"--kind", "--at", "--search"}) == "--kind");
}

}  // namespace
}  // namespace govmap
