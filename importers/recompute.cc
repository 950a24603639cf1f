#include "importers/recompute.h"

#include <algorithm>
#include <tuple>

#include "importers/ods_merge.h"

namespace govmap {
namespace {

// The order datasets are rebuilt in: each sees those before it. ONS files
// define the areas ODS extracts name in fields 3 and 4; successions need the
// extracts' bodies.
int dataset_order(const std::string& dataset) {
  if (dataset == kOnsDataset) return 0;
  if (dataset == ods_dataset(OdsFormat::kEtr)) return 1;
  if (dataset == ods_dataset(OdsFormat::kEccg)) return 2;
  if (dataset == ods_dataset(OdsFormat::kEct)) return 3;
  return 4;
}

Date snapshot_of(const SnapshotFile& f) {
  if (f.ons) return f.ons->date;
  return f.as_of.value_or(Date::from_ymd(1, 1, 1));
}

const std::string& sha_of(const SnapshotFile& f) {
  return f.ons ? f.ons->sha256 : f.ods->sha256;
}

}  // namespace

RecomputeResult recompute_data(const std::vector<SnapshotFile>& files, OrgIndex& index) {
  std::vector<const SnapshotFile*> order;
  for (const SnapshotFile& f : files) order.push_back(&f);
  std::sort(order.begin(), order.end(), [](const SnapshotFile* a, const SnapshotFile* b) {
    return std::make_tuple(dataset_order(a->dataset), std::cref(a->dataset), snapshot_of(*a),
                           std::cref(sha_of(*a)), std::cref(a->format)) <
           std::make_tuple(dataset_order(b->dataset), std::cref(b->dataset), snapshot_of(*b),
                           std::cref(sha_of(*b)), std::cref(b->format));
  });
  std::vector<const OdsFile*> succ_files;
  for (const SnapshotFile* f : order)
    if (f->ods && f->ods->format == OdsFormat::kSucc) succ_files.push_back(f->ods);
  const SuccessionDates successions = succession_dates(succ_files);
  RecomputeResult out;
  for (size_t i = 0; i < order.size();) {
    const std::string& dataset = order[i]->dataset;
    DatasetContent content;
    content.dataset = dataset;
    for (; i < order.size() && order[i]->dataset == dataset; ++i) {
      const SnapshotFile& f = *order[i];
      Warnings warnings;
      content = f.ons ? merge_ons(content, *f.ons, index, warnings)
                      : merge_ods(content, *f.ods, f.as_of, index, successions, warnings);
      if (f.report >= 0) {
        auto& w = out.warnings[f.report];
        w.insert(w.end(), warnings.messages.begin(), warnings.messages.end());
      }
    }
    index.update(content);
    out.datasets[dataset] = std::move(content);
  }
  return out;
}

}  // namespace govmap
