// The only interface between Swift and libxml2.
//
// This header deliberately includes no libxml2 header: Debian's libxml2 pulls in ICU headers that clash
// with Foundation's bundled ICU ("'UErrorCode' has different definitions"), so Swift modules see only the
// opaque types and plain C callbacks declared here. All libxml2 calls live in CXMLShim.c.
#ifndef AGGREGATOR_CXMLSHIM_H
#define AGGREGATOR_CXMLSHIM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// SAX events forwarded from libxml2. Names are UTF-8, NUL-terminated; `attributes` holds
/// `attribute_count` groups of five pointers: local name, prefix, namespace URI, value start, value end
/// (the value is NOT NUL-terminated). Character data arrives in pieces; CDATA is delivered as characters.
typedef struct axml_callbacks {
    void (*start_element)(void *context, const unsigned char *local_name, const unsigned char *prefix,
                          const unsigned char *uri, int attribute_count, const unsigned char **attributes);
    void (*end_element)(void *context, const unsigned char *local_name, const unsigned char *prefix,
                        const unsigned char *uri);
    void (*characters)(void *context, const unsigned char *bytes, int length);
    /// level: 1 warning, 2 error, 3 fatal error (libxml2's xmlErrorLevel). Only the first few are reported.
    void (*problem)(void *context, int level, int line, int column, const char *message);
} axml_callbacks;

/// Counts of what the input-repair filter changed before libxml2 saw the bytes.
typedef struct axml_repairs {
    long bare_ampersands;       ///< `&` not starting a valid reference, rewritten to `&amp;`
    long html_entities;         ///< HTML named entities (e.g. `&nbsp;`) rewritten to numeric references
    long unknown_entities;      ///< other undefined `&name;` references, kept as literal text
    long leading_whitespace;    ///< bytes of whitespace removed before the first `<`
    long problems_suppressed;   ///< libxml2 problems beyond the reported ones
} axml_repairs;

typedef struct axml_parser axml_parser;

/// Initializes libxml2 once per process. Safe to call from any thread, any number of times.
void axml_initialize(void);

/// The linked libxml2 version, e.g. "2.9.14".
const char *axml_libxml_version(void);

/// Creates a streaming (push) parser. Network access, DTD loading and entity substitution are disabled.
/// `forced_encoding` (nullable) overrides whatever the document declares, e.g. "windows-1251".
/// `url` (nullable) is used only in messages. Returns NULL if the encoding is unknown or memory is short.
axml_parser *axml_parser_create(const axml_callbacks *callbacks, void *context, const char *forced_encoding,
                                const char *url);

/// Feeds the next chunk. Returns 0 while parsing can continue, non-zero once the parser has stopped
/// (a fatal error without recovery, or `axml_parser_stop`).
int axml_parser_feed(axml_parser *parser, const char *bytes, size_t length);

/// Signals the end of input. Returns 0 if the document was well-formed, non-zero otherwise.
int axml_parser_finish(axml_parser *parser);

/// Stops the parser from a callback (for example when a size or depth guard trips).
void axml_parser_stop(axml_parser *parser);

/// 1 while no well-formedness error has been seen (after repairs), 0 otherwise.
int axml_parser_well_formed(const axml_parser *parser);

/// What the repair filter changed so far.
axml_repairs axml_parser_repairs(const axml_parser *parser);

/// The encoding libxml2 ended up using (declared, detected or forced), or NULL if unknown.
const char *axml_parser_encoding(const axml_parser *parser);

void axml_parser_free(axml_parser *parser);

/// Converts HTML fragments to plain text with libxml2's HTML parser (no network, errors suppressed):
/// tags removed, script/style dropped, every entity decoded, whitespace (including U+00A0) collapsed to
/// single spaces and trimmed. One extractor per thread; it reuses its buffers between calls.
typedef struct axml_text_extractor axml_text_extractor;

axml_text_extractor *axml_text_extractor_create(void);

/// Returns UTF-8 text owned by the extractor, valid until its next call; `*out_length` receives its length.
/// Input without `<` or `&` bypasses libxml2 and is only whitespace-collapsed.
const unsigned char *axml_text_extract(axml_text_extractor *extractor, const unsigned char *html, size_t length,
                                       size_t *out_length);

/// Collapses whitespace only (for text that must not be interpreted as markup).
const unsigned char *axml_text_collapse(axml_text_extractor *extractor, const unsigned char *text, size_t length,
                                        size_t *out_length);

void axml_text_extractor_free(axml_text_extractor *extractor);

/// The Unicode code point of an HTML 4 named entity (`name` without `&` and `;`), or -1.
int axml_html_entity_codepoint(const char *name, size_t length);

#ifdef __cplusplus
}
#endif

#endif
