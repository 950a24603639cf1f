// How a tier of a layered diagram wraps onto rows: a tier with more bodies
// than fit one row is split into several, so that a picture's shape comes near
// a page's rather than one long strip.
//
// Pure arithmetic on node names: no Graphviz, no model. render/dot_writer.cc
// gives each row its own rank=same group.
#ifndef GOVMAP_RENDER_TIER_ROWS_H_
#define GOVMAP_RENDER_TIER_ROWS_H_

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace govmap {

// A relationship between two bodies of one tier, by node name: (lower, upper),
// the lower body answering to the upper one.
using FlatEdge = std::pair<std::string, std::string>;

// How many bodies one row of a tier holds in a picture of `bodies` bodies
// (those drawn as nodes): about sqrt(1.2 x bodies), at least 4, so a small
// picture keeps its tiers on one row each. Most tiers hold far fewer bodies
// than a row (a region, two systems), so a picture has many more rows than
// bodies / per_row; the factor was chosen by measuring the shipped area
// pictures on A3 (docs/diagrams.md): 0.8 left them too tall once councils of
// governors were folded into their trusts, 1.5 too wide.
constexpr double kRowFactor = 1.2;
size_t bodies_per_row(size_t bodies, double factor = kRowFactor);

// The rows of one tier, top to bottom. A tier of at most per_row nodes is one
// row. A larger one is wrapped so that no row holds more than per_row nodes and
// every edge between two nodes of the tier still points up: a node's level is
// the longest chain of edges above it inside the tier (a council on top, its
// committees below it, the CCG its committee scrutinises below those; a cycle
// is cut where a depth-first walk in node order first closes it); each level
// starts a new row, and a level wider than per_row is spread evenly over as
// few rows as hold it. Nodes keep their given order within a row. Edges whose
// ends are not both in `nodes` are ignored. Never returns no rows.
std::vector<std::vector<std::string>> tier_rows(const std::vector<std::string>& nodes,
                                                const std::vector<FlatEdge>& edges,
                                                size_t per_row);

}  // namespace govmap

#endif  // GOVMAP_RENDER_TIER_ROWS_H_
