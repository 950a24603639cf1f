// What `govmap render` and `govmap report` share: turning --at / --from --to,
// --area and --layer into snapshots, distances and diagram options.
#ifndef GOVMAP_CLI_DIAGRAM_INPUT_H_
#define GOVMAP_CLI_DIAGRAM_INPUT_H_

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "core/snapshot.h"
#include "core/weights.h"
#include "render/dot_writer.h"
#include "render/print.h"

namespace govmap {

class Store;

struct DiagramInput {
  Snapshot snapshot;
  Distances distances;
};

struct DiagramRequest {
  std::string area;   // as typed; resolved with resolve_org
  std::string layer;  // "" = both
  std::string title;  // "" = the area's name
  // A one-council view instead of an area (as typed): the council, its
  // voters, its committees (committee_of it), every body those committees or
  // the council scrutinise, and every partnership the council is member_of.
  std::string council;
  Weights weights;  // for the distances shown (--weights); default weights
  // --country: only bodies of this country (nullopt = all); the area or
  // council named is drawn whatever its country.
  std::optional<Country> country = Country::kEngland;
  // --fold: "systems" (each STP, ICS or ICB of the area) or "regions" (each
  // NHS England region) drawn as one body that counts what lies inside it
  // (render/systems_view.h); one date only. "" = every body as itself.
  std::string fold = std::string();
};

// Accountability distance of every body in snap (default weights unless given).
Distances diagram_distances(const Snapshot& snap, const Weights& weights = Weights());

// The snapshot at a date with its distances, honouring --area and --layer.
DiagramInput load_diagram_input(const Store& store, const DiagramRequest& request, Date at);

// Both dates of a two-date picture. With an area, each side shows every body
// of the area at either date that is in force on its own date, so bodies line
// up across the two sides and "removed" means the body itself ceased.
std::pair<DiagramInput, DiagramInput> load_diagram_pair(const Store& store,
                                                        const DiagramRequest& request, Date from,
                                                        Date to);

// Title area name (at date `at`), layer and every source, for the writer.
DiagramOptions diagram_options(const Store& store, const DiagramRequest& request, Date at);

// The self-contained HTML report comparing two dates (render/html_report.h):
// both diagrams, the picture of what changed, tables and sources. Graphviz
// warnings go to warnings, one per line.
std::string report_page(const Store& store, const DiagramRequest& request, Date from, Date to,
                        const std::string& engine, std::ostream& warnings);

// The DOT text of one diagram: at one date (to == nullopt), or two dates side
// by side, or (diff) one picture of what changed from `at` to `to`.
std::string diagram_dot(const Store& store, const DiagramRequest& request, Date at,
                        std::optional<Date> to, bool diff);

// The same picture drawn with rows of different widths (DiagramOptions::
// row_factor 1.2, 0.6, 0.9 and 1.5, in that order), for render_for_print to
// keep the one that prints largest: no one width suits every picture (on A3,
// SYB 2018 read best at 1.5, the national 2023 picture at 0.6). With
// row_widths false, or more than kMaxSearchedBodies bodies, only the first
// (diagram_dot): a large picture is far from readable on any width, and each
// layout of it takes seconds. A width whose text equals an earlier width's
// is not repeated, so there are one to four.
constexpr size_t kMaxSearchedBodies = 400;

// A two-date picture, both ways it can be printed: side by side in one
// layout, and each date as a picture of its own (element ids as side by side:
// "b-1_3A-QF7", "b-2_3A-QF7"), each as diagram_dots gives it.
struct TwoDateDots {
  std::vector<std::string> side_by_side, before, after;
};
TwoDateDots two_date_dots(const Store& store, const DiagramRequest& request, Date from, Date to,
                          bool row_widths);
std::vector<std::string> diagram_dots(const Store& store, const DiagramRequest& request, Date at,
                                      std::optional<Date> to, bool diff, bool row_widths);

// What `render` and `build` write for a diagram: at one date (to ==
// nullopt), what changed (diff), or two dates side by side or one page per
// date, whichever prints larger (render/print.h); row widths searched with
// the dot engine.
PrintedDiagram print_diagram(const Store& store, const DiagramRequest& request, Date at,
                             std::optional<Date> to, bool diff, DiagramFormat format,
                             const std::string& engine, const PrintRequest& print);

}  // namespace govmap

#endif  // GOVMAP_CLI_DIAGRAM_INPUT_H_
