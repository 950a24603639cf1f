# Sourced by the build reliability tests: $work/src/maps is a copy of maps/
# whose national build map (maps/england) draws on two small files of data/
# instead of all 8 MB, and without the Frimley and Greater Manchester maps
# (South Yorkshire's outputs are of every kind theirs are), so each of many
# builds stays quick while the build still makes both of its databases
# (curated maps alone, and with data).
mkdir -p "$work/src"
cp -r "$root/maps" "$work/src/maps"
rm -rf "$work/src/maps/frimley" "$work/src/maps/greater-manchester"
ln -s "$root/data" "$work/src/data"
cat >"$work/src/maps/england/map.toml" <<'TOML'
title = "England (small)"
depends = ["england-national"]
data = ["ods_ect_2023.csv", "ons_nhser19_names_2019-04.csv"]
[[output]]
name = "distance"
kind = "distance"
at = 2023-07-01
[[output]]
name = "region-Y63"
area = "Y63"
at = 2023-07-01
TOML
maps="$work/src/maps"
