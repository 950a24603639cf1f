#include "cli/diagram_input.h"

#include "core/resolve.h"
#include "core/store.h"

namespace govmap {

Distances accountability_distances(const Store& store, const Snapshot& snap) {
  // The accountability module (core/accountability.h) is built on another
  // branch; once merged, compute each body's distance to the voters here.
  (void)store;
  (void)snap;
  return {};
}

DiagramInput load_diagram_input(const Store& store, const DiagramRequest& request, Date at) {
  SnapshotOptions options;
  options.at = at;
  if (!request.layer.empty()) options.layer = layer_or_throw(request.layer, "--layer");
  if (!request.area.empty()) options.area = resolve_org(store, request.area);
  DiagramInput input{build_snapshot(store, options), {}};
  input.distances = accountability_distances(store, input.snapshot);
  return input;
}

DiagramOptions diagram_options(const Store& store, const DiagramRequest& request, Date at) {
  DiagramOptions options;
  if (!request.layer.empty()) options.layer = layer_or_throw(request.layer, "--layer");
  if (!request.area.empty()) {
    std::string id = resolve_org(store, request.area);
    if (auto org = store.organisation(id)) {
      const OrgPeriod* p = org->period_at(at);
      if (!p && !org->periods.empty()) p = &org->periods.back();
      options.area_name = p ? p->name : id;
    }
  }
  for (const Source& s : store.sources()) options.sources.emplace(s.id, s);
  return options;
}

}  // namespace govmap
