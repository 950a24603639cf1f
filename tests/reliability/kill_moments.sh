# Sourced by the SIGKILL tests. kill_delay I N SPAN_US STRETCH prints, in
# seconds, when trial I of N kills its command: a random moment inside the
# I-th of N equal slices of SPAN_US x STRETCH microseconds. Stratified rather
# than uniformly random, so a handful of trials still spreads over the whole
# run (opening, the write, the commit, the renames) instead of clustering;
# each slice's moment is still random, so runs differ and, over many CI runs,
# cover every moment.
kill_delay() {
  awk -v i="$1" -v n="$2" -v s="$3" -v k="$4" -v r="$RANDOM" \
    'BEGIN { printf "%.6f", ((i - 1) + (r % 1000) / 1000) / n * s * k / 1e6 }'
}
