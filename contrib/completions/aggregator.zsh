#compdef aggregator

__aggregator_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__aggregator_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __aggregator_complete "${completions[@]:0:-1}"
    fi
}

__aggregator_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_aggregator() {
    emulate -RL zsh -G
    setopt extendedglob nullglob numericglobsort
    unsetopt aliases banghist

    local -xr SAP_SHELL=zsh
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(builtin emulate zsh -c 'printf %s "${ZSH_VERSION}"')"
    local -r SAP_SHELL_VERSION

    local context state state_descr line
    local -A opt_args

    local -r command_name="${words[1]}"
    local -ar command_line=("${words[@]}")
    local -ir current_word_index="$((CURRENT - 1))"

    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'demo:Run fetch, tagging, the claims summary and the digest offline on the bundled demo feeds.'
            'fetch:Fetch the due feeds of the subscription list, parse them and store new items.'
            'feeds:Manage the subscription list (an OPML file) and see each feed'\''s health.'
            'status:Show the store, the last run, due and failing feeds, and a claims summary.'
            'claims:Check the claims file, measure the tagger, and see what the store holds per claim.'
            'items:List the stored items linked to a claim, newest first, with stance and evidence.'
            'digest:Write the digest of claim activity and new items, or mail it.'
            'tag:Tag feed files with the claims of a claims file and print one JSON line per link.'
            'explain:Explain why an item is (or is not) linked to a claim, and how its stance was decided.'
            'retag:Re-tag the store after the claims file changed, touching only the claims that changed.'
            'parse:Parse RSS, Atom or JSON Feed files and print their items.'
            'import:Parse local feed documents (exports, archives, saved copies) into the store.'
            'verify:Check the store'\''s files; with --repair, quarantine bad ones and rebuild what can be derived.'
            'prune:Drop items older than a given age from the store.'
            'version:Print the aggregator version and the linked libcurl and libxml2 versions.'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        demo|fetch|feeds|status|claims|items|digest|tag|explain|retag|parse|import|verify|prune|version|help)
            "_aggregator_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_aggregator_demo() {
    local -i ret=1
    local -ar arg_specs=(
        '--feeds[The folder of demo feeds (with demo.opml).]:dir:'
        '--claims[The claims file, YAML or the bench'\''s JSON (default\: $AGGREGATOR_CLAIMS, else claims\: in aggregator.yaml, else Feeds/claims.yaml).]:file:'
        '--output[Where the demo store and digests go.]:dir:'
        '--port[The loopback port to serve the feeds on (0\: any free port).]:port:'
        '--clock[The demo'\''s clock\: when the fetch happens (RFC 3339); the digest is written an hour later.]:clock:'
        '(--verbose -v)'{--verbose,-v}'[Say more on stderr\: one line per feed or file, timings, skipped steps.]'
        '(--quiet -q)'{--quiet,-q}'[Say only what failed on stderr (no summaries, notices or warnings).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_aggregator_fetch() {
    local -i ret=1
    local -ar arg_specs=(
        '--opml[The subscription list (OPML) (default\: opml\: in aggregator.yaml, else Feeds/subscriptions.opml).]:file:'
        '--store[The store folder (default\: $AGGREGATOR_STORE, else store\: in aggregator.yaml, else ./Storage).]:dir:'
        '--claims[The claims file, YAML or the bench'\''s JSON (default\: $AGGREGATOR_CLAIMS, else claims\: in aggregator.yaml, else Feeds/claims.yaml).]:file:'
        '--all[Fetch every feed now, ignoring the schedule and back-off (retired feeds stay retired).]'
        '--force[Ignore the stored validators\: ask for full bodies (no If-None-Match / If-Modified-Since).]'
        '--json[Print a JSON run summary on stdout.]'
        '(--verbose -v)'{--verbose,-v}'[Say more on stderr\: one line per feed or file, timings, skipped steps.]'
        '(--quiet -q)'{--quiet,-q}'[Say only what failed on stderr (no summaries, notices or warnings).]'
        '--wait[Wait for another run to release the store instead of exiting with status 3.]'
        '--concurrency[Transfers at once (default\: concurrency\: in aggregator.yaml, else 16).]:concurrency:'
        '--per-host[Transfers at once against one host (default\: per_host\: in aggregator.yaml, else 2).]:per-host:'
        '--contact[A URL or mailto\: for site owners, added to the User-Agent (default\: $AGGREGATOR_CONTACT).]:contact:'
        '--max-body-mib[Largest feed body accepted, in MiB (default\: max_body_mib\: in aggregator.yaml, else 16).]:max-body-mib:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_aggregator_feeds() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'add:Subscribe to a feed (a web page URL is resolved to its feed by autodiscovery).'
            'remove:Unsubscribe from a feed (its stored items are kept).'
            'list:List the subscriptions with their health: last success, last error, error count, next due.'
            'import:Add the feeds of an OPML file (from another reader) to the subscription list.'
            'export:Print the subscription list as OPML 2.0, with feeds that moved (301/308) at their new URL.'
            'reset:Clear a feed'\''s errors and back-off (and un-retire it), so the next fetch tries it again.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        add|remove|list|import|export|reset)
            "_aggregator_feeds_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_aggregator_feeds_add() {
    local -i ret=1
    local -ar arg_specs=(
        '--opml[The subscription list (OPML) (default\: opml\: in aggregator.yaml, else Feeds/subscriptions.opml).]:file:'
        ':url:'
        '--title[The name to show (default\: the feed'\''s own title).]:title:'
        '--category[The category, nested with '\''/'\'', e.g. "Ukraine/Official".]:category:'
        '--no-check[Add the URL without fetching it.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_aggregator_feeds_remove() {
    local -i ret=1
    local -ar arg_specs=(
        '--opml[The subscription list (OPML) (default\: opml\: in aggregator.yaml, else Feeds/subscriptions.opml).]:file:'
        '--store[The store folder (default\: $AGGREGATOR_STORE, else store\: in aggregator.yaml, else ./Storage).]:dir:'
        ':feed:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_aggregator_feeds_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--opml[The subscription list (OPML) (default\: opml\: in aggregator.yaml, else Feeds/subscriptions.opml).]:file:'
        '--store[The store folder (default\: $AGGREGATOR_STORE, else store\: in aggregator.yaml, else ./Storage).]:dir:'
        '--json[Print a JSON array instead of text.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_aggregator_feeds_import() {
    local -i ret=1
    local -ar arg_specs=(
        '--opml[The subscription list (OPML) (default\: opml\: in aggregator.yaml, else Feeds/subscriptions.opml).]:file:'
        ':file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_aggregator_feeds_export() {
    local -i ret=1
    local -ar arg_specs=(
        '--opml[The subscription list (OPML) (default\: opml\: in aggregator.yaml, else Feeds/subscriptions.opml).]:file:'
        '--store[The store folder (default\: $AGGREGATOR_STORE, else store\: in aggregator.yaml, else ./Storage).]:dir:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_aggregator_feeds_reset() {
    local -i ret=1
    local -ar arg_specs=(
        '--opml[The subscription list (OPML) (default\: opml\: in aggregator.yaml, else Feeds/subscriptions.opml).]:file:'
        '--store[The store folder (default\: $AGGREGATOR_STORE, else store\: in aggregator.yaml, else ./Storage).]:dir:'
        ':feed:'
        '--wait[Wait for a running fetch to release the store instead of exiting with status 3.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_aggregator_status() {
    local -i ret=1
    local -ar arg_specs=(
        '--opml[The subscription list (OPML) (default\: opml\: in aggregator.yaml, else Feeds/subscriptions.opml).]:file:'
        '--store[The store folder (default\: $AGGREGATOR_STORE, else store\: in aggregator.yaml, else ./Storage).]:dir:'
        '--claims[The claims file, YAML or the bench'\''s JSON (default\: $AGGREGATOR_CLAIMS, else claims\: in aggregator.yaml, else Feeds/claims.yaml).]:file:'
        '--json[Print the status as one JSON object.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_aggregator_claims() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'check:Validate the claims file: ids, titles, queries, per-language queries and cues.'
            'list:List the claims with their stance counts, independent sources, first/last seen and momentum.'
            'show:Show a claim'\''s timeline by day as a bar chart split by stance, balance changes and evidence.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        check|list|show)
            "_aggregator_claims_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_aggregator_claims_check() {
    local -i ret=1
    local -ar arg_specs=(
        '--claims[The claims file, YAML or the bench'\''s JSON (default\: $AGGREGATOR_CLAIMS, else claims\: in aggregator.yaml, else Feeds/claims.yaml).]:file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_aggregator_claims_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--store[The store folder (default\: $AGGREGATOR_STORE, else store\: in aggregator.yaml, else ./Storage).]:dir:'
        '--claims[The claims file, YAML or the bench'\''s JSON (default\: $AGGREGATOR_CLAIMS, else claims\: in aggregator.yaml, else Feeds/claims.yaml).]:file:'
        '--until[Compute momentum as of this date (default\: now), e.g. 2025-08-20.]:until:'
        '--json[Print JSON instead of a table.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_aggregator_claims_show() {
    local -i ret=1
    local -ar arg_specs=(
        '--store[The store folder (default\: $AGGREGATOR_STORE, else store\: in aggregator.yaml, else ./Storage).]:dir:'
        '--claims[The claims file, YAML or the bench'\''s JSON (default\: $AGGREGATOR_CLAIMS, else claims\: in aggregator.yaml, else Feeds/claims.yaml).]:file:'
        ':id:'
        '--days[How many days the timeline covers.]:days:'
        '--until[The timeline'\''s last day (default\: today), e.g. 2025-08-20.]:until:'
        '--evidence[How many pieces of evidence to show.]:evidence:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_aggregator_items() {
    local -i ret=1
    local -ar arg_specs=(
        '--store[The store folder (default\: $AGGREGATOR_STORE, else store\: in aggregator.yaml, else ./Storage).]:dir:'
        '--claims[The claims file, YAML or the bench'\''s JSON (default\: $AGGREGATOR_CLAIMS, else claims\: in aggregator.yaml, else Feeds/claims.yaml).]:file:'
        '--claim[The claim id (see `aggregator claims list`).]:claim:'
        '--since[Only items newer than this\: a duration (7d, 24h, 90m) or a date (2025-08-15).]:since:'
        '--stance[Only links with this stance\: supports, disputes or mentions.]:stance:'
        '--feed[Only items of feeds whose title, URL or key matches.]:feed:'
        '--limit[Print at most this many items.]:limit:'
        '--json[Print JSON instead of text.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_aggregator_digest() {
    local -i ret=1
    local -ar ___format=('text' 'html' 'mime')
    local -ar arg_specs=(
        '--since[Start of the period\: last, a duration (24h, 7d) or a date (2026-11-24, 2026-11-24T07\:00\:00Z).]:since:'
        '--format[Output format\: text, html or mime (a complete message for sendmail -t).]:format:{__aggregator_complete "${___format[@]}"}'
        '*--to[Recipient address; repeat for several. Required for mime and --send.]:to:'
        '--from[Sender address, e.g. "Claims digest <digest@example.org>". Required for mime and --send.]:from:'
        '--subject[Mail subject (default\: date and counts).]:subject:'
        '--send[Mail the digest\: sendmail, smtp\://host\:port or smtps\://host\:port.]:send:'
        '--mark[Move the "last digest" mark to now without sending.]'
        '--store[The store folder (default\: $AGGREGATOR_STORE, else store\: in aggregator.yaml, else ./Storage).]:dir:'
        '--claims[The claims file, YAML or the bench'\''s JSON (default\: $AGGREGATOR_CLAIMS, else claims\: in aggregator.yaml, else Feeds/claims.yaml).]:file:'
        '--output[Write the digest to this file instead of stdout.]:file:'
        '--mail[Send the digest with the mail settings of aggregator.yaml (mail\: send, from, to, subject).]'
        '(--verbose -v)'{--verbose,-v}'[Say more on stderr\: one line per feed or file, timings, skipped steps.]'
        '(--quiet -q)'{--quiet,-q}'[Say only what failed on stderr (no summaries, notices or warnings).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_aggregator_tag() {
    local -i ret=1
    local -ar arg_specs=(
        '--claims[The claims file, YAML or the bench'\''s JSON (default\: $AGGREGATOR_CLAIMS, else claims\: in aggregator.yaml, else Feeds/claims.yaml).]:file:'
        '--matching[Override the file'\''s matching mode\: exact (the bench'\''s claimq.py semantics) or stemmed.]:matching:'
        '--stats[Do all the work but print only '\''files=F items=N links=L seconds=S'\''.]'
        '*:files:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_aggregator_explain() {
    local -i ret=1
    local -ar arg_specs=(
        '--claims[The claims file, YAML or the bench'\''s JSON (default\: $AGGREGATOR_CLAIMS, else claims\: in aggregator.yaml, else Feeds/claims.yaml).]:file:'
        '*--feed[A feed file holding the item (repeat for several).]:feed:'
        '--store[The store folder (default\: $AGGREGATOR_STORE, else store\: in aggregator.yaml, else ./Storage).]:dir:'
        ':item:'
        ':claim:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_aggregator_retag() {
    local -i ret=1
    local -ar arg_specs=(
        '--store[The store folder (default\: $AGGREGATOR_STORE, else store\: in aggregator.yaml, else ./Storage).]:dir:'
        '--claims[The claims file, YAML or the bench'\''s JSON (default\: $AGGREGATOR_CLAIMS, else claims\: in aggregator.yaml, else Feeds/claims.yaml).]:file:'
        '--all[Re-tag every claim, changed or not.]'
        '--wait[Wait for another writer to finish instead of failing.]'
        '(--verbose -v)'{--verbose,-v}'[Say more on stderr\: one line per feed or file, timings, skipped steps.]'
        '(--quiet -q)'{--quiet,-q}'[Say only what failed on stderr (no summaries, notices or warnings).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_aggregator_parse() {
    local -i ret=1
    local -ar arg_specs=(
        '*:files:'
        '--json[Print one JSON object per file, one per line.]'
        '--base[Resolve relative links against this URL (the address the document came from).]:url:'
        '--stats[Do the full --json work but print only '\''files=F items=N bytes=B seconds=S'\''.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_aggregator_import() {
    local -i ret=1
    local -ar arg_specs=(
        '--store[The store folder (default\: $AGGREGATOR_STORE, else store\: in aggregator.yaml, else ./Storage).]:dir:'
        '*:files:'
        '--feed-url[Store the documents'\'' items under this feed URL.]:feed-url:'
        '--batch[Commit after this many files.]:batch:'
        '--wait[Wait for another writer to finish instead of failing.]'
        '--claims[The claims file, YAML or the bench'\''s JSON (default\: $AGGREGATOR_CLAIMS, else claims\: in aggregator.yaml, else Feeds/claims.yaml).]:file:'
        '(--verbose -v)'{--verbose,-v}'[Say more on stderr\: one line per feed or file, timings, skipped steps.]'
        '(--quiet -q)'{--quiet,-q}'[Say only what failed on stderr (no summaries, notices or warnings).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_aggregator_verify() {
    local -i ret=1
    local -ar arg_specs=(
        '--store[The store folder (default\: $AGGREGATOR_STORE, else store\: in aggregator.yaml, else ./Storage).]:dir:'
        '--repair[Move bad files to quarantine and rebuild what can be derived.]'
        '--wait[With --repair\: wait for another writer to finish instead of failing.]'
        '(--verbose -v)'{--verbose,-v}'[Say more on stderr\: one line per feed or file, timings, skipped steps.]'
        '(--quiet -q)'{--quiet,-q}'[Say only what failed on stderr (no summaries, notices or warnings).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_aggregator_prune() {
    local -i ret=1
    local -ar arg_specs=(
        '--store[The store folder (default\: $AGGREGATOR_STORE, else store\: in aggregator.yaml, else ./Storage).]:dir:'
        '--older-than[An age\: a number and a unit, d (days), w (weeks) or h (hours).]:older-than:'
        '--all[Also drop old items that are linked to a claim.]'
        '--wait[Wait for another writer to finish instead of failing.]'
        '(--verbose -v)'{--verbose,-v}'[Say more on stderr\: one line per feed or file, timings, skipped steps.]'
        '(--quiet -q)'{--quiet,-q}'[Say only what failed on stderr (no summaries, notices or warnings).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_aggregator_version() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_aggregator_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _aggregator ]]; then
    _aggregator "${@}"
else
    compdef _aggregator aggregator
fi
