function __aggregator_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __aggregator_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __aggregator_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __aggregator_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __aggregator_parse_tokens -S
    set -l unparsed_tokens (__aggregator_tokens -pc)
    switch $unparsed_tokens[1]
    case 'aggregator'
        __aggregator_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'demo'
            __aggregator_parse_subcommand 0 'feeds=' 'claims=' 'output=' 'port=' 'clock=' 'v/verbose' 'q/quiet' 'version' 'h/help'
        case 'fetch'
            __aggregator_parse_subcommand 0 'opml=' 'store=' 'claims=' 'all' 'force' 'json' 'v/verbose' 'q/quiet' 'wait' 'concurrency=' 'per-host=' 'contact=' 'max-body-mib=' 'version' 'h/help'
        case 'feeds'
            __aggregator_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'add'
                __aggregator_parse_subcommand 1 'opml=' 'title=' 'category=' 'no-check' 'version' 'h/help'
            case 'remove'
                __aggregator_parse_subcommand 1 'opml=' 'store=' 'version' 'h/help'
            case 'list'
                __aggregator_parse_subcommand 0 'opml=' 'store=' 'json' 'version' 'h/help'
            case 'import'
                __aggregator_parse_subcommand 1 'opml=' 'version' 'h/help'
            case 'export'
                __aggregator_parse_subcommand 0 'opml=' 'store=' 'version' 'h/help'
            case 'reset'
                __aggregator_parse_subcommand 1 'opml=' 'store=' 'wait' 'version' 'h/help'
            end
        case 'status'
            __aggregator_parse_subcommand 0 'opml=' 'store=' 'claims=' 'json' 'version' 'h/help'
        case 'claims'
            __aggregator_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'check'
                __aggregator_parse_subcommand 0 'claims=' 'version' 'h/help'
            case 'list'
                __aggregator_parse_subcommand 0 'store=' 'claims=' 'until=' 'json' 'version' 'h/help'
            case 'show'
                __aggregator_parse_subcommand 1 'store=' 'claims=' 'days=' 'until=' 'evidence=' 'version' 'h/help'
            end
        case 'items'
            __aggregator_parse_subcommand 0 'store=' 'claims=' 'claim=' 'since=' 'stance=' 'feed=' 'limit=' 'json' 'version' 'h/help'
        case 'digest'
            __aggregator_parse_subcommand 0 'since=' 'format=' 'to=+' 'from=' 'subject=' 'send=' 'mark' 'store=' 'claims=' 'output=' 'mail' 'v/verbose' 'q/quiet' 'version' 'h/help'
        case 'tag'
            __aggregator_parse_subcommand -r 1 'claims=' 'matching=' 'stats' 'version' 'h/help'
        case 'explain'
            __aggregator_parse_subcommand 2 'claims=' 'feed=+' 'store=' 'version' 'h/help'
        case 'retag'
            __aggregator_parse_subcommand 0 'store=' 'claims=' 'all' 'wait' 'v/verbose' 'q/quiet' 'version' 'h/help'
        case 'parse'
            __aggregator_parse_subcommand -r 1 'json' 'base=' 'stats' 'version' 'h/help'
        case 'import'
            __aggregator_parse_subcommand -r 1 'store=' 'feed-url=' 'batch=' 'wait' 'claims=' 'v/verbose' 'q/quiet' 'version' 'h/help'
        case 'verify'
            __aggregator_parse_subcommand 0 'store=' 'repair' 'wait' 'v/verbose' 'q/quiet' 'version' 'h/help'
        case 'prune'
            __aggregator_parse_subcommand 0 'store=' 'older-than=' 'all' 'wait' 'v/verbose' 'q/quiet' 'version' 'h/help'
        case 'version'
            __aggregator_parse_subcommand 0 'version' 'h/help'
        case 'help'
            __aggregator_parse_subcommand -r 1 'version'
        end
    end
end

function __aggregator_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __aggregator_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __aggregator_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __aggregator_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__aggregator_tokens -p)
    if test -z "$(__aggregator_tokens -t)"
        set -l index (count (__aggregator_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'aggregator' -f
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator" version' -l 'version' -d 'Show the version.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_positional "aggregator" -eq 1' -fa 'demo' -d 'Run fetch, tagging, the claims summary and the digest offline on the bundled demo feeds.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_positional "aggregator" -eq 1' -fa 'fetch' -d 'Fetch the due feeds of the subscription list, parse them and store new items.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_positional "aggregator" -eq 1' -fa 'feeds' -d 'Manage the subscription list (an OPML file) and see each feed\'s health.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_positional "aggregator" -eq 1' -fa 'status' -d 'Show the store, the last run, due and failing feeds, and a claims summary.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_positional "aggregator" -eq 1' -fa 'claims' -d 'Check the claims file, measure the tagger, and see what the store holds per claim.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_positional "aggregator" -eq 1' -fa 'items' -d 'List the stored items linked to a claim, newest first, with stance and evidence.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_positional "aggregator" -eq 1' -fa 'digest' -d 'Write the digest of claim activity and new items, or mail it.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_positional "aggregator" -eq 1' -fa 'tag' -d 'Tag feed files with the claims of a claims file and print one JSON line per link.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_positional "aggregator" -eq 1' -fa 'explain' -d 'Explain why an item is (or is not) linked to a claim, and how its stance was decided.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_positional "aggregator" -eq 1' -fa 'retag' -d 'Re-tag the store after the claims file changed, touching only the claims that changed.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_positional "aggregator" -eq 1' -fa 'parse' -d 'Parse RSS, Atom or JSON Feed files and print their items.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_positional "aggregator" -eq 1' -fa 'import' -d 'Parse local feed documents (exports, archives, saved copies) into the store.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_positional "aggregator" -eq 1' -fa 'verify' -d 'Check the store\'s files; with --repair, quarantine bad ones and rebuild what can be derived.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_positional "aggregator" -eq 1' -fa 'prune' -d 'Drop items older than a given age from the store.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_positional "aggregator" -eq 1' -fa 'version' -d 'Print the aggregator version and the linked libcurl and libxml2 versions.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_positional "aggregator" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator demo" feeds' -l 'feeds' -d 'The folder of demo feeds (with demo.opml).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator demo" claims' -l 'claims' -d 'The claims file, YAML or the bench\'s JSON (default: $AGGREGATOR_CLAIMS, else claims: in aggregator.yaml, else Feeds/claims.yaml).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator demo" output' -l 'output' -d 'Where the demo store and digests go.' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator demo" port' -l 'port' -d 'The loopback port to serve the feeds on (0: any free port).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator demo" clock' -l 'clock' -d 'The demo\'s clock: when the fetch happens (RFC 3339); the digest is written an hour later.' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator demo" v verbose' -l 'verbose' -s 'v' -d 'Say more on stderr: one line per feed or file, timings, skipped steps.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator demo" q quiet' -l 'quiet' -s 'q' -d 'Say only what failed on stderr (no summaries, notices or warnings).'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator demo" version' -l 'version' -d 'Show the version.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator demo" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator fetch" opml' -l 'opml' -d 'The subscription list (OPML) (default: opml: in aggregator.yaml, else Feeds/subscriptions.opml).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator fetch" store' -l 'store' -d 'The store folder (default: $AGGREGATOR_STORE, else store: in aggregator.yaml, else ./Storage).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator fetch" claims' -l 'claims' -d 'The claims file, YAML or the bench\'s JSON (default: $AGGREGATOR_CLAIMS, else claims: in aggregator.yaml, else Feeds/claims.yaml).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator fetch" all' -l 'all' -d 'Fetch every feed now, ignoring the schedule and back-off (retired feeds stay retired).'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator fetch" force' -l 'force' -d 'Ignore the stored validators: ask for full bodies (no If-None-Match / If-Modified-Since).'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator fetch" json' -l 'json' -d 'Print a JSON run summary on stdout.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator fetch" v verbose' -l 'verbose' -s 'v' -d 'Say more on stderr: one line per feed or file, timings, skipped steps.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator fetch" q quiet' -l 'quiet' -s 'q' -d 'Say only what failed on stderr (no summaries, notices or warnings).'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator fetch" wait' -l 'wait' -d 'Wait for another run to release the store instead of exiting with status 3.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator fetch" concurrency' -l 'concurrency' -d 'Transfers at once (default: concurrency: in aggregator.yaml, else 16).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator fetch" per-host' -l 'per-host' -d 'Transfers at once against one host (default: per_host: in aggregator.yaml, else 2).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator fetch" contact' -l 'contact' -d 'A URL or mailto: for site owners, added to the User-Agent (default: $AGGREGATOR_CONTACT).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator fetch" max-body-mib' -l 'max-body-mib' -d 'Largest feed body accepted, in MiB (default: max_body_mib: in aggregator.yaml, else 16).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator fetch" version' -l 'version' -d 'Show the version.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator fetch" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator feeds" version' -l 'version' -d 'Show the version.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator feeds" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_positional "aggregator feeds" -eq 1' -fa 'add' -d 'Subscribe to a feed (a web page URL is resolved to its feed by autodiscovery).'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_positional "aggregator feeds" -eq 1' -fa 'remove' -d 'Unsubscribe from a feed (its stored items are kept).'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_positional "aggregator feeds" -eq 1' -fa 'list' -d 'List the subscriptions with their health: last success, last error, error count, next due.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_positional "aggregator feeds" -eq 1' -fa 'import' -d 'Add the feeds of an OPML file (from another reader) to the subscription list.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_positional "aggregator feeds" -eq 1' -fa 'export' -d 'Print the subscription list as OPML 2.0, with feeds that moved (301/308) at their new URL.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_positional "aggregator feeds" -eq 1' -fa 'reset' -d 'Clear a feed\'s errors and back-off (and un-retire it), so the next fetch tries it again.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator feeds add" opml' -l 'opml' -d 'The subscription list (OPML) (default: opml: in aggregator.yaml, else Feeds/subscriptions.opml).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator feeds add" title' -l 'title' -d 'The name to show (default: the feed\'s own title).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator feeds add" category' -l 'category' -d 'The category, nested with \'/\', e.g. "Ukraine/Official".' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator feeds add" no-check' -l 'no-check' -d 'Add the URL without fetching it.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator feeds add" version' -l 'version' -d 'Show the version.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator feeds add" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator feeds remove" opml' -l 'opml' -d 'The subscription list (OPML) (default: opml: in aggregator.yaml, else Feeds/subscriptions.opml).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator feeds remove" store' -l 'store' -d 'The store folder (default: $AGGREGATOR_STORE, else store: in aggregator.yaml, else ./Storage).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator feeds remove" version' -l 'version' -d 'Show the version.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator feeds remove" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator feeds list" opml' -l 'opml' -d 'The subscription list (OPML) (default: opml: in aggregator.yaml, else Feeds/subscriptions.opml).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator feeds list" store' -l 'store' -d 'The store folder (default: $AGGREGATOR_STORE, else store: in aggregator.yaml, else ./Storage).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator feeds list" json' -l 'json' -d 'Print a JSON array instead of text.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator feeds list" version' -l 'version' -d 'Show the version.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator feeds list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator feeds import" opml' -l 'opml' -d 'The subscription list (OPML) (default: opml: in aggregator.yaml, else Feeds/subscriptions.opml).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator feeds import" version' -l 'version' -d 'Show the version.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator feeds import" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator feeds export" opml' -l 'opml' -d 'The subscription list (OPML) (default: opml: in aggregator.yaml, else Feeds/subscriptions.opml).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator feeds export" store' -l 'store' -d 'The store folder (default: $AGGREGATOR_STORE, else store: in aggregator.yaml, else ./Storage).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator feeds export" version' -l 'version' -d 'Show the version.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator feeds export" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator feeds reset" opml' -l 'opml' -d 'The subscription list (OPML) (default: opml: in aggregator.yaml, else Feeds/subscriptions.opml).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator feeds reset" store' -l 'store' -d 'The store folder (default: $AGGREGATOR_STORE, else store: in aggregator.yaml, else ./Storage).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator feeds reset" wait' -l 'wait' -d 'Wait for a running fetch to release the store instead of exiting with status 3.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator feeds reset" version' -l 'version' -d 'Show the version.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator feeds reset" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator status" opml' -l 'opml' -d 'The subscription list (OPML) (default: opml: in aggregator.yaml, else Feeds/subscriptions.opml).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator status" store' -l 'store' -d 'The store folder (default: $AGGREGATOR_STORE, else store: in aggregator.yaml, else ./Storage).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator status" claims' -l 'claims' -d 'The claims file, YAML or the bench\'s JSON (default: $AGGREGATOR_CLAIMS, else claims: in aggregator.yaml, else Feeds/claims.yaml).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator status" json' -l 'json' -d 'Print the status as one JSON object.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator status" version' -l 'version' -d 'Show the version.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator claims" version' -l 'version' -d 'Show the version.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator claims" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_positional "aggregator claims" -eq 1' -fa 'check' -d 'Validate the claims file: ids, titles, queries, per-language queries and cues.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_positional "aggregator claims" -eq 1' -fa 'list' -d 'List the claims with their stance counts, independent sources, first/last seen and momentum.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_positional "aggregator claims" -eq 1' -fa 'show' -d 'Show a claim\'s timeline by day as a bar chart split by stance, balance changes and evidence.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator claims check" claims' -l 'claims' -d 'The claims file, YAML or the bench\'s JSON (default: $AGGREGATOR_CLAIMS, else claims: in aggregator.yaml, else Feeds/claims.yaml).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator claims check" version' -l 'version' -d 'Show the version.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator claims check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator claims list" store' -l 'store' -d 'The store folder (default: $AGGREGATOR_STORE, else store: in aggregator.yaml, else ./Storage).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator claims list" claims' -l 'claims' -d 'The claims file, YAML or the bench\'s JSON (default: $AGGREGATOR_CLAIMS, else claims: in aggregator.yaml, else Feeds/claims.yaml).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator claims list" until' -l 'until' -d 'Compute momentum as of this date (default: now), e.g. 2025-08-20.' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator claims list" json' -l 'json' -d 'Print JSON instead of a table.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator claims list" version' -l 'version' -d 'Show the version.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator claims list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator claims show" store' -l 'store' -d 'The store folder (default: $AGGREGATOR_STORE, else store: in aggregator.yaml, else ./Storage).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator claims show" claims' -l 'claims' -d 'The claims file, YAML or the bench\'s JSON (default: $AGGREGATOR_CLAIMS, else claims: in aggregator.yaml, else Feeds/claims.yaml).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator claims show" days' -l 'days' -d 'How many days the timeline covers.' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator claims show" until' -l 'until' -d 'The timeline\'s last day (default: today), e.g. 2025-08-20.' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator claims show" evidence' -l 'evidence' -d 'How many pieces of evidence to show.' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator claims show" version' -l 'version' -d 'Show the version.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator claims show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator items" store' -l 'store' -d 'The store folder (default: $AGGREGATOR_STORE, else store: in aggregator.yaml, else ./Storage).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator items" claims' -l 'claims' -d 'The claims file, YAML or the bench\'s JSON (default: $AGGREGATOR_CLAIMS, else claims: in aggregator.yaml, else Feeds/claims.yaml).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator items" claim' -l 'claim' -d 'The claim id (see `aggregator claims list`).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator items" since' -l 'since' -d 'Only items newer than this: a duration (7d, 24h, 90m) or a date (2025-08-15).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator items" stance' -l 'stance' -d 'Only links with this stance: supports, disputes or mentions.' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator items" feed' -l 'feed' -d 'Only items of feeds whose title, URL or key matches.' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator items" limit' -l 'limit' -d 'Print at most this many items.' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator items" json' -l 'json' -d 'Print JSON instead of text.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator items" version' -l 'version' -d 'Show the version.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator items" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator digest" since' -l 'since' -d 'Start of the period: last, a duration (24h, 7d) or a date (2026-11-24, 2026-11-24T07:00:00Z).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator digest" format' -l 'format' -d 'Output format: text, html or mime (a complete message for sendmail -t).' -rfka 'text html mime'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator digest"' -l 'to' -d 'Recipient address; repeat for several. Required for mime and --send.' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator digest" from' -l 'from' -d 'Sender address, e.g. "Claims digest <digest@example.org>". Required for mime and --send.' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator digest" subject' -l 'subject' -d 'Mail subject (default: date and counts).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator digest" send' -l 'send' -d 'Mail the digest: sendmail, smtp://host:port or smtps://host:port.' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator digest" mark' -l 'mark' -d 'Move the "last digest" mark to now without sending.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator digest" store' -l 'store' -d 'The store folder (default: $AGGREGATOR_STORE, else store: in aggregator.yaml, else ./Storage).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator digest" claims' -l 'claims' -d 'The claims file, YAML or the bench\'s JSON (default: $AGGREGATOR_CLAIMS, else claims: in aggregator.yaml, else Feeds/claims.yaml).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator digest" output' -l 'output' -d 'Write the digest to this file instead of stdout.' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator digest" mail' -l 'mail' -d 'Send the digest with the mail settings of aggregator.yaml (mail: send, from, to, subject).'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator digest" v verbose' -l 'verbose' -s 'v' -d 'Say more on stderr: one line per feed or file, timings, skipped steps.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator digest" q quiet' -l 'quiet' -s 'q' -d 'Say only what failed on stderr (no summaries, notices or warnings).'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator digest" version' -l 'version' -d 'Show the version.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator digest" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator tag" claims' -l 'claims' -d 'The claims file, YAML or the bench\'s JSON (default: $AGGREGATOR_CLAIMS, else claims: in aggregator.yaml, else Feeds/claims.yaml).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator tag" matching' -l 'matching' -d 'Override the file\'s matching mode: exact (the bench\'s claimq.py semantics) or stemmed.' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator tag" stats' -l 'stats' -d 'Do all the work but print only \'files=F items=N links=L seconds=S\'.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator tag" version' -l 'version' -d 'Show the version.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator tag" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator explain" claims' -l 'claims' -d 'The claims file, YAML or the bench\'s JSON (default: $AGGREGATOR_CLAIMS, else claims: in aggregator.yaml, else Feeds/claims.yaml).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator explain"' -l 'feed' -d 'A feed file holding the item (repeat for several).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator explain" store' -l 'store' -d 'The store folder (default: $AGGREGATOR_STORE, else store: in aggregator.yaml, else ./Storage).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator explain" version' -l 'version' -d 'Show the version.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator explain" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator retag" store' -l 'store' -d 'The store folder (default: $AGGREGATOR_STORE, else store: in aggregator.yaml, else ./Storage).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator retag" claims' -l 'claims' -d 'The claims file, YAML or the bench\'s JSON (default: $AGGREGATOR_CLAIMS, else claims: in aggregator.yaml, else Feeds/claims.yaml).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator retag" all' -l 'all' -d 'Re-tag every claim, changed or not.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator retag" wait' -l 'wait' -d 'Wait for another writer to finish instead of failing.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator retag" v verbose' -l 'verbose' -s 'v' -d 'Say more on stderr: one line per feed or file, timings, skipped steps.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator retag" q quiet' -l 'quiet' -s 'q' -d 'Say only what failed on stderr (no summaries, notices or warnings).'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator retag" version' -l 'version' -d 'Show the version.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator retag" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator parse" json' -l 'json' -d 'Print one JSON object per file, one per line.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator parse" base' -l 'base' -d 'Resolve relative links against this URL (the address the document came from).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator parse" stats' -l 'stats' -d 'Do the full --json work but print only \'files=F items=N bytes=B seconds=S\'.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator parse" version' -l 'version' -d 'Show the version.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator parse" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator import" store' -l 'store' -d 'The store folder (default: $AGGREGATOR_STORE, else store: in aggregator.yaml, else ./Storage).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator import" feed-url' -l 'feed-url' -d 'Store the documents\' items under this feed URL.' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator import" batch' -l 'batch' -d 'Commit after this many files.' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator import" wait' -l 'wait' -d 'Wait for another writer to finish instead of failing.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator import" claims' -l 'claims' -d 'The claims file, YAML or the bench\'s JSON (default: $AGGREGATOR_CLAIMS, else claims: in aggregator.yaml, else Feeds/claims.yaml).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator import" v verbose' -l 'verbose' -s 'v' -d 'Say more on stderr: one line per feed or file, timings, skipped steps.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator import" q quiet' -l 'quiet' -s 'q' -d 'Say only what failed on stderr (no summaries, notices or warnings).'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator import" version' -l 'version' -d 'Show the version.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator import" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator verify" store' -l 'store' -d 'The store folder (default: $AGGREGATOR_STORE, else store: in aggregator.yaml, else ./Storage).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator verify" repair' -l 'repair' -d 'Move bad files to quarantine and rebuild what can be derived.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator verify" wait' -l 'wait' -d 'With --repair: wait for another writer to finish instead of failing.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator verify" v verbose' -l 'verbose' -s 'v' -d 'Say more on stderr: one line per feed or file, timings, skipped steps.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator verify" q quiet' -l 'quiet' -s 'q' -d 'Say only what failed on stderr (no summaries, notices or warnings).'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator verify" version' -l 'version' -d 'Show the version.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator verify" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator prune" store' -l 'store' -d 'The store folder (default: $AGGREGATOR_STORE, else store: in aggregator.yaml, else ./Storage).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator prune" older-than' -l 'older-than' -d 'An age: a number and a unit, d (days), w (weeks) or h (hours).' -rfka ''
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator prune" all' -l 'all' -d 'Also drop old items that are linked to a claim.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator prune" wait' -l 'wait' -d 'Wait for another writer to finish instead of failing.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator prune" v verbose' -l 'verbose' -s 'v' -d 'Say more on stderr: one line per feed or file, timings, skipped steps.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator prune" q quiet' -l 'quiet' -s 'q' -d 'Say only what failed on stderr (no summaries, notices or warnings).'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator prune" version' -l 'version' -d 'Show the version.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator prune" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator version" version' -l 'version' -d 'Show the version.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator version" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aggregator' -n '__aggregator_should_offer_completions_for_flags_or_options "aggregator help" version' -l 'version' -d 'Show the version.'
