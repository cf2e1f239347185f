# store_corpus.awk - invented articles for the store tests, as JSON Lines.
# Usage: awk -v n=COUNT -v seed=SEED -f store_corpus.awk
# Words are made of invented syllables (the Port Aldwyn world has its own
# language). Deterministic for a given seed. Among the n articles:
#   every 10th (from 10) is a near copy of an earlier one (3 words changed),
#   every 25th is an exact copy of an earlier one under a new id,
#   every 40th re-sends an earlier id with new words (a new version).
function word(    w, k, i) {
    k = 2 + int(rand() * 2)
    w = ""
    for (i = 0; i < k; i++) w = w syl[int(rand() * nsyl)]
    return w
}
function fresh(    t, len, i) {
    len = 80 + int(rand() * 120)
    t = ""
    for (i = 0; i < len; i++) t = t (i ? " " : "") vocab[int(rand() * nvocab)] ((i % 17 == 16) ? "." : "")
    return t
}
function edit(t,    w, n, i, k) {
    n = split(t, w, " ")
    for (k = 0; k < 3; k++) w[1 + int(rand() * n)] = "altered" k
    t = w[1]
    for (i = 2; i <= n; i++) t = t " " w[i]
    return t
}
BEGIN {
    srand(seed)
    nsyl = split("al dwyn var en ko est mark com pact tor bel ri sa lun der mo fen gar ith quo", syl, " ")
    for (i = 1; i <= nsyl; i++) syl[i - 1] = syl[i]
    nvocab = 4000
    for (i = 0; i < nvocab; i++) vocab[i] = word()
    for (i = 1; i <= n; i++) {
        id = "pa-" i
        if (i % 40 == 0) { j = 1 + int(rand() * (i - 1)); id = "pa-" (j % 40 ? j : j - 1); text[i] = fresh() }
        else if (i % 25 == 0) text[i] = text[1 + int(rand() * (i - 1))]
        else if (i % 10 == 0) text[i] = edit(text[1 + int(rand() * (i - 1))])
        else text[i] = fresh()
        printf "{\"id\":\"%s\",\"title\":\"Dispatch %d from Port Aldwyn\",\"date\":\"2031-%02d-%02d\",\"text\":\"%s\"}\n", id, i, 1 + i % 12, 1 + i % 28, text[i]
    }
}
