// libxml2 behind a small C interface. See include/CXMLShim.h for why this file exists.
//
// Security: the parser runs with XML_PARSE_RECOVER | XML_PARSE_NONET only. It never sets NOENT, DTDLOAD,
// DTDATTR or HUGE, installs no entity loader and no getEntity/resolveEntity/entityDecl callbacks, so no
// entity is ever expanded and nothing outside the bytes handed in is ever read.
//
// Robustness: libxml2 2.9 drops every entity reference (even `&amp;`) once a document has stopped being
// well-formed. Real feeds routinely contain a bare `&` or an HTML-only entity such as `&nbsp;`, and one of
// those would silently eat every escaped `<` and `&` after it. A small streaming filter therefore repairs
// exactly those faults (and whitespace before the XML declaration) before libxml2 sees the bytes, and
// counts what it changed so the caller can report it.

#include "CXMLShim.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlversion.h>

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { AXML_MAX_REPORTED_PROBLEMS = 20, AXML_PENDING_CAPACITY = 64, AXML_MAX_ENTITY_NAME = 32 };

// MARK: - Initialization and version

static pthread_once_t axml_once = PTHREAD_ONCE_INIT;
static char axml_version[32];

/// libxml2 reports some problems (encoding conversion failures, I/O) through its generic error function,
/// which prints to stderr by default. Library code must not print: those problems already reach the caller
/// as structured errors or a stopped parser, so the generic channel is silenced.
static void axml_silent_generic_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

static void axml_silence_generic_errors(void) {
    // Per thread in libxml2: set for the calling thread and as the default for threads created later.
    xmlSetGenericErrorFunc(NULL, axml_silent_generic_error);
}

static void axml_initialize_once(void) {
    xmlInitParser();
    xmlThrDefSetGenericErrorFunc(NULL, axml_silent_generic_error);
    // xmlParserVersion holds the runtime version as digits, e.g. "20914" for 2.9.14.
    int number = atoi(xmlParserVersion);
    snprintf(axml_version, sizeof axml_version, "%d.%d.%d", number / 10000, (number / 100) % 100, number % 100);
}

void axml_initialize(void) {
    pthread_once(&axml_once, axml_initialize_once);
    axml_silence_generic_errors();
}

const char *axml_libxml_version(void) {
    axml_initialize();
    return axml_version;
}

// MARK: - Growable byte buffer

typedef struct axml_buffer {
    unsigned char *bytes;
    size_t length;
    size_t capacity;
} axml_buffer;

static int axml_buffer_reserve(axml_buffer *buffer, size_t extra) {
    size_t needed = buffer->length + extra;
    if (needed <= buffer->capacity) return 1;
    size_t capacity = buffer->capacity ? buffer->capacity : 256;
    while (capacity < needed) capacity *= 2;
    unsigned char *bytes = realloc(buffer->bytes, capacity);
    if (bytes == NULL) return 0;
    buffer->bytes = bytes;
    buffer->capacity = capacity;
    return 1;
}

static int axml_buffer_append(axml_buffer *buffer, const void *bytes, size_t length) {
    if (length == 0) return 1;
    if (!axml_buffer_reserve(buffer, length)) return 0;
    memcpy(buffer->bytes + buffer->length, bytes, length);
    buffer->length += length;
    return 1;
}

// MARK: - Byte scanning, eight bytes at a time
//
// The hot loops look for a few marker bytes in long runs of text. Reading a machine word and testing all
// its bytes at once (the classic "has a zero byte" bit trick) is several times faster than a byte loop. In
// the mask the lowest flagged byte is always exact (a borrow only moves towards higher bytes), so counting
// trailing zeros finds the first match; the scans rely on nothing else.

static const uint64_t axml_ones = 0x0101010101010101ull;
static const uint64_t axml_highs = 0x8080808080808080ull;

/// Eight bytes as a word whose lowest byte is the first in memory, on any byte order.
static inline uint64_t axml_load_word(const unsigned char *p) {
    uint64_t word;
    memcpy(&word, p, sizeof word);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    word = __builtin_bswap64(word);
#endif
    return word;
}

/// High bit set in each byte of `word` that equals `byte` (exact for the lowest one).
static inline uint64_t axml_bytes_equal(uint64_t word, unsigned char byte) {
    uint64_t x = word ^ (axml_ones * byte);
    return (x - axml_ones) & ~x & axml_highs;
}

/// High bit set in each byte of `word` below `limit` (limit at most 128; exact for the lowest one).
static inline uint64_t axml_bytes_below(uint64_t word, unsigned char limit) {
    return (word - axml_ones * limit) & ~word & axml_highs;
}

/// The index of the first flagged byte of a non-zero mask.
static inline size_t axml_first_flagged(uint64_t mask) { return (size_t)__builtin_ctzll(mask) / 8; }

/// The first byte in [from, end) that is `a` or `b`, or `end`.
static const unsigned char *axml_find_either(const unsigned char *from, const unsigned char *end, unsigned char a,
                                             unsigned char b) {
    while (end - from >= 8) {
        uint64_t word = axml_load_word(from);
        uint64_t mask = axml_bytes_equal(word, a) | axml_bytes_equal(word, b);
        if (mask != 0) return from + axml_first_flagged(mask);
        from += 8;
    }
    while (from < end && *from != a && *from != b) from++;
    return from;
}

// MARK: - HTML entity table

int axml_html_entity_codepoint(const char *name, size_t length) {
    char terminated[AXML_MAX_ENTITY_NAME + 1];
    if (length == 0 || length > AXML_MAX_ENTITY_NAME) return -1;
    memcpy(terminated, name, length);
    terminated[length] = 0;
    const htmlEntityDesc *entity = htmlEntityLookup((const xmlChar *)terminated);
    return entity ? (int)entity->value : -1;
}

// MARK: - Streaming parser

typedef enum { AXML_IN_TEXT, AXML_IN_CDATA, AXML_IN_COMMENT } axml_filter_state;

struct axml_parser {
    xmlParserCtxtPtr context;
    axml_callbacks callbacks;
    void *swift_context;
    char *forced_encoding;
    char *url;
    axml_repairs repairs;
    int reported_problems;
    int failed;

    // Repair filter.
    int filter_enabled;             // off for UTF-16/UTF-32 input, where bytes are not ASCII-compatible
    int prologue_done;              // BOM and leading whitespace handled
    axml_filter_state state;
    unsigned char pending[AXML_PENDING_CAPACITY];
    size_t pending_length;
    axml_buffer work;               // pending + new bytes, when something is pending
    axml_buffer output;             // repaired bytes, when a repair was made

    // Attribute values with `&#38;` (libxml2's spelling of `&amp;` when it does not substitute entities).
    axml_buffer attribute_text;
    const xmlChar **attribute_copy;
    int attribute_copy_capacity;
};

static void axml_report(axml_parser *parser, int level, int line, int column, const char *message) {
    if (parser->reported_problems >= AXML_MAX_REPORTED_PROBLEMS) {
        parser->repairs.problems_suppressed++;
        return;
    }
    parser->reported_problems++;
    if (parser->callbacks.problem) parser->callbacks.problem(parser->swift_context, level, line, column, message);
}

// MARK: SAX callbacks

static const xmlChar **axml_decode_attributes(axml_parser *parser, int count, const xmlChar **attributes) {
    int needs_decoding = 0;
    for (int i = 0; i < count && !needs_decoding; i++) {
        const xmlChar *value = attributes[i * 5 + 3], *end = attributes[i * 5 + 4];
        if (memchr(value, '&', (size_t)(end - value)) != NULL) needs_decoding = 1;
    }
    if (!needs_decoding) return attributes;

    if (parser->attribute_copy_capacity < count * 5) {
        const xmlChar **copy = realloc(parser->attribute_copy, sizeof(xmlChar *) * (size_t)count * 5);
        if (copy == NULL) return attributes;
        parser->attribute_copy = copy;
        parser->attribute_copy_capacity = count * 5;
    }
    // First pass: write every value into one buffer (so later reallocations cannot move earlier values).
    axml_buffer *text = &parser->attribute_text;
    text->length = 0;
    size_t *offsets = malloc(sizeof(size_t) * (size_t)count * 2);
    if (offsets == NULL) return attributes;
    for (int i = 0; i < count; i++) {
        const xmlChar *value = attributes[i * 5 + 3], *end = attributes[i * 5 + 4];
        offsets[i * 2] = text->length;
        while (value < end) {
            if (end - value >= 5 && memcmp(value, "&#38;", 5) == 0) {
                axml_buffer_append(text, "&", 1);
                value += 5;
            } else {
                axml_buffer_append(text, value, 1);
                value += 1;
            }
        }
        offsets[i * 2 + 1] = text->length;
    }
    for (int i = 0; i < count; i++) {
        memcpy(&parser->attribute_copy[i * 5], &attributes[i * 5], sizeof(xmlChar *) * 3);
        parser->attribute_copy[i * 5 + 3] = text->bytes + offsets[i * 2];
        parser->attribute_copy[i * 5 + 4] = text->bytes + offsets[i * 2 + 1];
    }
    free(offsets);
    return parser->attribute_copy;
}

static void axml_on_start(void *user_data, const xmlChar *local_name, const xmlChar *prefix, const xmlChar *uri,
                          int namespace_count, const xmlChar **namespaces, int attribute_count,
                          int defaulted_count, const xmlChar **attributes) {
    (void)namespace_count;
    (void)namespaces;
    (void)defaulted_count;
    axml_parser *parser = user_data;
    if (parser->callbacks.start_element == NULL) return;
    const xmlChar **decoded = attribute_count > 0 ? axml_decode_attributes(parser, attribute_count, attributes)
                                                  : attributes;
    parser->callbacks.start_element(parser->swift_context, local_name, prefix, uri, attribute_count, decoded);
}

static void axml_on_end(void *user_data, const xmlChar *local_name, const xmlChar *prefix, const xmlChar *uri) {
    axml_parser *parser = user_data;
    if (parser->callbacks.end_element) parser->callbacks.end_element(parser->swift_context, local_name, prefix, uri);
}

static void axml_on_characters(void *user_data, const xmlChar *bytes, int length) {
    axml_parser *parser = user_data;
    if (parser->callbacks.characters) parser->callbacks.characters(parser->swift_context, bytes, length);
}

static void axml_on_error(void *user_data, xmlErrorPtr error) {
    axml_parser *parser = user_data;
    if (error == NULL || parser == NULL) return;
    char message[512];
    const char *text = error->message ? error->message : "unknown error";
    size_t length = strlen(text);
    if (length >= sizeof message) length = sizeof message - 1;
    memcpy(message, text, length);
    while (length > 0 && (message[length - 1] == '\n' || message[length - 1] == ' ')) length--;
    message[length] = 0;
    axml_report(parser, (int)error->level, error->line, error->int2, message);
}

// MARK: Creation

axml_parser *axml_parser_create(const axml_callbacks *callbacks, void *context, const char *forced_encoding,
                                const char *url) {
    axml_initialize();
    if (forced_encoding != NULL) {
        xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(forced_encoding);
        if (handler == NULL) return NULL;
        xmlCharEncCloseFunc(handler);
    }
    axml_parser *parser = calloc(1, sizeof(axml_parser));
    if (parser == NULL) return NULL;
    parser->callbacks = *callbacks;
    parser->swift_context = context;
    parser->forced_encoding = forced_encoding ? strdup(forced_encoding) : NULL;
    parser->url = url ? strdup(url) : NULL;
    parser->filter_enabled = 1;
    parser->state = AXML_IN_TEXT;
    return parser;
}

/// libxml2 detects UTF-16/UCS-4 from the first four bytes, so the context is created lazily, once they are here.
static int axml_create_context(axml_parser *parser, const char *first_bytes, int length) {
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = axml_on_start;
    sax.endElementNs = axml_on_end;
    sax.characters = axml_on_characters;
    sax.cdataBlock = axml_on_characters;
    sax.ignorableWhitespace = axml_on_characters;
    sax.serror = axml_on_error;

    xmlParserCtxtPtr context = xmlCreatePushParserCtxt(&sax, parser, first_bytes, length, parser->url);
    if (context == NULL) return 0;
    int options = XML_PARSE_RECOVER | XML_PARSE_NONET;
    if (parser->forced_encoding != NULL) {
        options |= XML_PARSE_IGNORE_ENC;
        xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(parser->forced_encoding);
        if (handler != NULL) xmlSwitchToEncoding(context, handler);
    }
    xmlCtxtUseOptions(context, options);
    parser->context = context;
    return 1;
}

// MARK: Repair filter

static int axml_is_name_start(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
}

static int axml_is_name_char(unsigned char c) {
    return axml_is_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

static int axml_is_space(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

typedef enum { AXML_REF_VALID, AXML_REF_HTML, AXML_REF_UNKNOWN, AXML_REF_BARE, AXML_REF_INCOMPLETE } axml_ref_kind;

/// Classifies the reference starting at `s[0] == '&'`. On AXML_REF_VALID/HTML/UNKNOWN, `*consumed` is its length
/// including `;`; on AXML_REF_HTML, `*codepoint` is its value.
static axml_ref_kind axml_classify_reference(const unsigned char *s, size_t available, int at_end, size_t *consumed,
                                             int *codepoint) {
    // Fast path for the references escaped HTML is made of.
    if (available >= 4 && s[2] == 't' && s[3] == ';' && (s[1] == 'l' || s[1] == 'g')) {
        *consumed = 4;
        return AXML_REF_VALID;
    }
    if (available >= 5 && s[1] == 'a' && s[2] == 'm' && s[3] == 'p' && s[4] == ';') {
        *consumed = 5;
        return AXML_REF_VALID;
    }
    size_t i = 1;
    if (i >= available) return at_end ? AXML_REF_BARE : AXML_REF_INCOMPLETE;
    if (s[i] == '#') {
        i++;
        int hex = 0;
        if (i < available && (s[i] == 'x' || s[i] == 'X')) {
            hex = 1;
            i++;
        }
        size_t digits = 0;
        while (i < available && digits <= 10) {
            unsigned char c = s[i];
            int is_digit = (c >= '0' && c <= '9') || (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
            if (!is_digit) break;
            digits++;
            i++;
        }
        if (i >= available) return at_end ? AXML_REF_BARE : AXML_REF_INCOMPLETE;
        if (digits == 0 || digits > 10 || s[i] != ';') return AXML_REF_BARE;
        *consumed = i + 1;
        return AXML_REF_VALID;
    }
    if (!axml_is_name_start(s[i])) return AXML_REF_BARE;
    size_t start = i;
    while (i < available && i - start <= AXML_MAX_ENTITY_NAME && axml_is_name_char(s[i])) i++;
    if (i >= available) return at_end ? AXML_REF_BARE : AXML_REF_INCOMPLETE;
    size_t length = i - start;
    if (length > AXML_MAX_ENTITY_NAME || s[i] != ';') return AXML_REF_BARE;
    *consumed = i + 1;
    const char *name = (const char *)s + start;
    if ((length == 3 && memcmp(name, "amp", 3) == 0) || (length == 2 && memcmp(name, "lt", 2) == 0) ||
        (length == 2 && memcmp(name, "gt", 2) == 0) || (length == 4 && memcmp(name, "quot", 4) == 0) ||
        (length == 4 && memcmp(name, "apos", 4) == 0)) {
        return AXML_REF_VALID;
    }
    int value = axml_html_entity_codepoint(name, length);
    if (value >= 0) {
        *codepoint = value;
        return AXML_REF_HTML;
    }
    return AXML_REF_UNKNOWN;
}

/// Copy-on-write output: bytes go straight to libxml2 until the first repair, then through `output`.
typedef struct axml_emitter {
    axml_parser *parser;
    const unsigned char *source;
    size_t copied_up_to;            // bytes of `source` already in `output`
    int copying;
} axml_emitter;

static void axml_emit_replacement(axml_emitter *emitter, size_t position, size_t skipped, const char *text,
                                  size_t text_length) {
    axml_buffer *output = &emitter->parser->output;
    if (!emitter->copying) {
        output->length = 0;
        emitter->copying = 1;
    }
    axml_buffer_append(output, emitter->source + emitter->copied_up_to, position - emitter->copied_up_to);
    axml_buffer_append(output, text, text_length);
    emitter->copied_up_to = position + skipped;
}

static const unsigned char *axml_find_terminator(const unsigned char *from, const unsigned char *end,
                                                 const char *terminator) {
    size_t terminator_length = strlen(terminator);
    while (from < end) {
        const unsigned char *hit = memchr(from, terminator[0], (size_t)(end - from));
        if (hit == NULL) return NULL;
        if ((size_t)(end - hit) >= terminator_length && memcmp(hit, terminator, terminator_length) == 0) return hit;
        if ((size_t)(end - hit) < terminator_length) return NULL;
        from = hit + 1;
    }
    return NULL;
}

static int axml_push(axml_parser *parser, const char *bytes, size_t length, int terminate) {
    if (parser->context == NULL) {
        int head = length < 4 ? (int)length : 4;
        if (!axml_create_context(parser, bytes, head)) return 0;
        bytes += head;
        length -= (size_t)head;
    }
    while (length > 0) {
        int piece = length > (1u << 30) ? (1 << 30) : (int)length;
        xmlParseChunk(parser->context, bytes, piece, 0);
        bytes += piece;
        length -= (size_t)piece;
    }
    if (terminate) xmlParseChunk(parser->context, NULL, 0, 1);
    return 1;
}

/// Runs the filter over `source[0..<length]`; keeps an undecidable tail in `pending`; pushes the rest.
static int axml_filter_and_push(axml_parser *parser, const unsigned char *source, size_t length, int at_end) {
    size_t position = 0;
    size_t keep_from = length;

    if (!parser->prologue_done) {
        if (length < 4 && !at_end) {
            keep_from = 0;   // too short to tell UTF-16 from UTF-8: wait for more
            goto done;
        }
        if (length >= 2 && ((source[0] == 0xFE && source[1] == 0xFF) || (source[0] == 0xFF && source[1] == 0xFE))) {
            parser->filter_enabled = 0;
        } else if (length >= 4 && ((source[0] == 0 && source[1] == 0) || (source[0] == '<' && source[1] == 0) ||
                                   (source[0] == 0 && source[1] == '<'))) {
            parser->filter_enabled = 0;
        }
        if (parser->filter_enabled) {
            size_t bom = (length >= 3 && source[0] == 0xEF && source[1] == 0xBB && source[2] == 0xBF) ? 3 : 0;
            size_t first = bom;
            while (first < length && axml_is_space(source[first])) first++;
            parser->repairs.leading_whitespace += (long)(first - bom);
            if (first == length && !at_end) {
                // Only whitespace so far: drop it, keep the BOM pending, decide when more arrives.
                memmove(parser->pending, source, bom);
                parser->pending_length = bom;
                return 1;
            }
            if (first > bom) {
                if (bom && !axml_push(parser, (const char *)source, bom, 0)) return 0;
                source += first;
                length -= first;
            }
        }
        parser->prologue_done = 1;
        keep_from = length;
    }

    if (!parser->filter_enabled) {
        return axml_push(parser, (const char *)source, length, 0);
    }

    axml_emitter emitter = {parser, source, 0, 0};
    const unsigned char *end = source + length;
    while (position < length) {
        if (parser->state == AXML_IN_CDATA || parser->state == AXML_IN_COMMENT) {
            const char *terminator = parser->state == AXML_IN_CDATA ? "]]>" : "-->";
            const unsigned char *hit = axml_find_terminator(source + position, end, terminator);
            if (hit == NULL) {
                // Keep a possible partial terminator for the next chunk.
                if (!at_end) keep_from = length >= 2 && length - position >= 2 ? length - 2 : position;
                break;
            }
            position = (size_t)(hit - source) + 3;
            parser->state = AXML_IN_TEXT;
            continue;
        }
        // In text or markup: find the next '&' or '<'.
        const unsigned char *scan = axml_find_either(source + position, end, '&', '<');
        if (scan == end) break;
        position = (size_t)(scan - source);
        size_t available = length - position;
        if (*scan == '<') {
            static const char cdata[] = "<![CDATA[";
            static const char comment[] = "<!--";
            if (available >= 9 && memcmp(scan, cdata, 9) == 0) {
                parser->state = AXML_IN_CDATA;
                position += 9;
            } else if (available >= 4 && memcmp(scan, comment, 4) == 0) {
                parser->state = AXML_IN_COMMENT;
                position += 4;
            } else if (!at_end && ((available < 9 && memcmp(scan, cdata, available) == 0) ||
                                   (available < 4 && memcmp(scan, comment, available) == 0))) {
                keep_from = position;
                break;
            } else {
                position += 1;
            }
            continue;
        }
        size_t consumed = 0;
        int codepoint = 0;
        switch (axml_classify_reference(scan, available, at_end, &consumed, &codepoint)) {
        case AXML_REF_VALID:
            position += consumed;
            break;
        case AXML_REF_HTML: {
            char numeric[16];
            int written = snprintf(numeric, sizeof numeric, "&#%d;", codepoint);
            axml_emit_replacement(&emitter, position, consumed, numeric, (size_t)written);
            parser->repairs.html_entities++;
            position += consumed;
            break;
        }
        case AXML_REF_UNKNOWN:
            axml_emit_replacement(&emitter, position, 1, "&amp;", 5);
            parser->repairs.unknown_entities++;
            position += 1;
            break;
        case AXML_REF_BARE:
            axml_emit_replacement(&emitter, position, 1, "&amp;", 5);
            parser->repairs.bare_ampersands++;
            position += 1;
            break;
        case AXML_REF_INCOMPLETE:
            keep_from = position;
            position = length;
            break;
        }
    }

done:
    if (keep_from < length) {
        size_t tail = length - keep_from;
        if (tail > AXML_PENDING_CAPACITY) tail = AXML_PENDING_CAPACITY, keep_from = length - tail;
        memmove(parser->pending, source + keep_from, tail);
        parser->pending_length = tail;
    } else {
        parser->pending_length = 0;
    }
    if (!parser->prologue_done) return 1;
    if (emitter.copying) {
        axml_buffer_append(&parser->output, source + emitter.copied_up_to, keep_from - emitter.copied_up_to);
        return axml_push(parser, (const char *)parser->output.bytes, parser->output.length, 0);
    }
    return axml_push(parser, (const char *)source, keep_from, 0);
}

static int axml_process(axml_parser *parser, const char *bytes, size_t length, int at_end) {
    if (parser->pending_length == 0) {
        return axml_filter_and_push(parser, (const unsigned char *)bytes, length, at_end);
    }
    axml_buffer *work = &parser->work;
    work->length = 0;
    if (!axml_buffer_append(work, parser->pending, parser->pending_length) ||
        !axml_buffer_append(work, bytes, length)) {
        return 0;
    }
    parser->pending_length = 0;
    return axml_filter_and_push(parser, work->bytes, work->length, at_end);
}

// MARK: Public entry points

static int axml_has_stopped(const axml_parser *parser) {
    return parser->failed || (parser->context != NULL && parser->context->instate == XML_PARSER_EOF);
}

int axml_parser_feed(axml_parser *parser, const char *bytes, size_t length) {
    if (axml_has_stopped(parser)) return 1;
    if (length == 0) return 0;
    if (!axml_process(parser, bytes, length, 0)) parser->failed = 1;
    return axml_has_stopped(parser);
}

int axml_parser_finish(axml_parser *parser) {
    if (!axml_has_stopped(parser)) {
        if (!axml_process(parser, "", 0, 1)) parser->failed = 1;
        if (parser->pending_length > 0) {
            // Only reachable when the filter is waiting for bytes that will never come.
            axml_push(parser, (const char *)parser->pending, parser->pending_length, 0);
            parser->pending_length = 0;
        }
        if (parser->context == NULL) {
            axml_report(parser, 3, 0, 0, "Document is empty");
            return 1;
        }
        xmlParseChunk(parser->context, NULL, 0, 1);
    }
    return axml_parser_well_formed(parser) ? 0 : 1;
}

void axml_parser_stop(axml_parser *parser) {
    parser->failed = 1;
    if (parser->context != NULL) xmlStopParser(parser->context);
}

int axml_parser_well_formed(const axml_parser *parser) {
    if (parser->failed) return 0;
    return parser->context != NULL && parser->context->wellFormed;
}

axml_repairs axml_parser_repairs(const axml_parser *parser) {
    return parser->repairs;
}

const char *axml_parser_encoding(const axml_parser *parser) {
    if (parser->forced_encoding != NULL) return parser->forced_encoding;
    if (parser->context == NULL) return NULL;
    if (parser->context->encoding != NULL) return (const char *)parser->context->encoding;
    if (parser->context->input != NULL && parser->context->input->encoding != NULL)
        return (const char *)parser->context->input->encoding;
    return NULL;
}

void axml_parser_free(axml_parser *parser) {
    if (parser == NULL) return;
    if (parser->context != NULL) {
        xmlFreeDoc(parser->context->myDoc);
        parser->context->myDoc = NULL;
        xmlFreeParserCtxt(parser->context);
    }
    free(parser->forced_encoding);
    free(parser->url);
    free(parser->work.bytes);
    free(parser->output.bytes);
    free(parser->attribute_text.bytes);
    free(parser->attribute_copy);
    free(parser);
}

// MARK: - HTML to text

enum { AXML_ENTITY_CACHE_SLOTS = 256, AXML_ENTITY_NAME_MAX = 8 };

/// A remembered HTML entity lookup (libxml2's own table is searched linearly).
typedef struct axml_entity_slot {
    char name[AXML_ENTITY_NAME_MAX + 1];
    int codepoint;   // -1: not an HTML entity
} axml_entity_slot;

struct axml_text_extractor {
    htmlParserCtxtPtr context;
    axml_buffer output;
    int pending_space;
    int skip_depth;
    int always_use_libxml;          // AGGREGATOR_TEXT_EXTRACTOR=libxml2: the differential tests' reference path
    axml_entity_slot entities[AXML_ENTITY_CACHE_SLOTS];
};

static _Thread_local axml_text_extractor *axml_current_extractor;

static void axml_text_append(axml_text_extractor *extractor, const unsigned char *bytes, size_t length) {
    axml_buffer *output = &extractor->output;
    if (!axml_buffer_reserve(output, length + 16)) return;   // 16: room for the whole-word stores below
    unsigned char *out = output->bytes + output->length;
    unsigned char *const start = output->bytes;
    int pending_space = extractor->pending_space;   // a local: stores through `out` cannot change it
    size_t i = 0;
    while (i < length) {
        unsigned char c = bytes[i];
        // Fast path: a run of bytes that are neither whitespace nor the lead byte of U+00A0.
        if (c > 0x20 && c != 0xC2) {
            if (pending_space && out > start) *out++ = ' ';
            pending_space = 0;
            *out++ = c;
            i++;
            // Eight bytes at a time: always store the whole word (the buffer has the slack), advance by the
            // plain part.
            while (length - i >= 8) {
                uint64_t word = axml_load_word(bytes + i);
                uint64_t mask = axml_bytes_below(word, 0x21) | axml_bytes_equal(word, 0xC2);
                memcpy(out, bytes + i, 8);
                size_t plain = mask != 0 ? axml_first_flagged(mask) : 8;
                out += plain;
                i += plain;
                if (plain < 8) break;
            }
            while (i < length && bytes[i] > 0x20 && bytes[i] != 0xC2) *out++ = bytes[i++];
            continue;
        }
        int space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
        size_t width = 1;
        if (c == 0xC2 && i + 1 < length && bytes[i + 1] == 0xA0) {
            space = 1;
            width = 2;
        }
        if (space) {
            pending_space = 1;
        } else {
            if (pending_space && out > start) *out++ = ' ';
            pending_space = 0;
            *out++ = c;
        }
        i += width;
    }
    extractor->pending_space = pending_space;
    output->length = (size_t)(out - start);
}

/// `strcmp(a, b) == 0` for the short tag names of the hot paths, without a library call.
static inline int axml_names_equal(const char *a, const char *b) {
    while (*a != 0 && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

static int axml_is_skipped_element(const char *name) {
    switch (name[0]) {
    case 's': return strcmp(name, "script") == 0 || strcmp(name, "style") == 0;
    case 't': return strcmp(name, "template") == 0;
    default: return 0;
    }
}

/// Elements that separate words when markup is flattened (a switch on the first letter keeps this cheap).
static int axml_is_block_element(const char *name) {
    static const char *const a[] = {"article", "address", "aside", "audio", NULL};
    static const char *const b[] = {"br", "blockquote", NULL};
    static const char *const c[] = {"caption", "center", NULL};
    static const char *const d[] = {"div", "dd", "dt", "dl", NULL};
    static const char *const f[] = {"figure", "figcaption", "footer", NULL};
    static const char *const h[] = {"h1", "h2", "h3", "h4", "h5", "h6", "hr", "header", NULL};
    static const char *const i[] = {"img", "iframe", NULL};
    static const char *const l[] = {"li", NULL};
    static const char *const m[] = {"main", NULL};
    static const char *const n[] = {"nav", NULL};
    static const char *const o[] = {"ol", NULL};
    static const char *const p[] = {"p", "pre", NULL};
    static const char *const s[] = {"section", NULL};
    static const char *const t[] = {"tr", "td", "th", "table", NULL};
    static const char *const u[] = {"ul", NULL};
    static const char *const v[] = {"video", NULL};
    const char *const *list;
    switch (name[0]) {
    case 'a': list = a; break;
    case 'b': list = b; break;
    case 'c': list = c; break;
    case 'd': list = d; break;
    case 'f': list = f; break;
    case 'h': list = h; break;
    case 'i': list = i; break;
    case 'l': list = l; break;
    case 'm': list = m; break;
    case 'n': list = n; break;
    case 'o': list = o; break;
    case 'p': list = p; break;
    case 's': list = s; break;
    case 't': list = t; break;
    case 'u': list = u; break;
    case 'v': list = v; break;
    default: return 0;
    }
    for (; *list != NULL; list++) {
        if (axml_names_equal(name, *list)) return 1;
    }
    return 0;
}

static void axml_html_start(void *context, const xmlChar *name, const xmlChar **attributes) {
    (void)context;
    (void)attributes;
    axml_text_extractor *extractor = axml_current_extractor;
    if (extractor == NULL || name == NULL) return;
    if (axml_is_skipped_element((const char *)name)) extractor->skip_depth++;
    else if (axml_is_block_element((const char *)name)) extractor->pending_space = 1;
}

static void axml_html_end(void *context, const xmlChar *name) {
    (void)context;
    axml_text_extractor *extractor = axml_current_extractor;
    if (extractor == NULL || name == NULL) return;
    if (axml_is_skipped_element((const char *)name)) {
        if (extractor->skip_depth > 0) extractor->skip_depth--;
    } else if (axml_is_block_element((const char *)name)) {
        extractor->pending_space = 1;
    }
}

static void axml_html_characters(void *context, const xmlChar *bytes, int length) {
    (void)context;
    axml_text_extractor *extractor = axml_current_extractor;
    if (extractor == NULL || extractor->skip_depth > 0 || length <= 0) return;
    axml_text_append(extractor, bytes, (size_t)length);
}

static void axml_html_whitespace(void *context, const xmlChar *bytes, int length) {
    (void)context;
    (void)bytes;
    (void)length;
    if (axml_current_extractor != NULL) axml_current_extractor->pending_space = 1;
}

static void axml_html_ignore_block(void *context, const xmlChar *bytes, int length) {
    // The HTML parser hands script and style bodies to cdataBlock: they are never text.
    (void)context;
    (void)bytes;
    (void)length;
}

static void axml_html_ignore_error(void *context, xmlErrorPtr error) {
    (void)context;
    (void)error;
}

axml_text_extractor *axml_text_extractor_create(void) {
    axml_initialize();
    axml_text_extractor *extractor = calloc(1, sizeof(axml_text_extractor));
    if (extractor == NULL) return NULL;
    const char *choice = getenv("AGGREGATOR_TEXT_EXTRACTOR");
    extractor->always_use_libxml = choice != NULL && strcmp(choice, "libxml2") == 0;
    extractor->context = htmlNewParserCtxt();
    if (extractor->context == NULL || extractor->context->sax == NULL) {
        if (extractor->context) htmlFreeParserCtxt(extractor->context);
        free(extractor);
        return NULL;
    }
    xmlSAXHandler *sax = (xmlSAXHandler *)extractor->context->sax;
    memset(sax, 0, sizeof(xmlSAXHandler));
    sax->initialized = XML_SAX2_MAGIC;
    sax->startElement = axml_html_start;
    sax->endElement = axml_html_end;
    sax->characters = axml_html_characters;
    sax->ignorableWhitespace = axml_html_whitespace;
    sax->cdataBlock = axml_html_ignore_block;
    sax->serror = axml_html_ignore_error;
    return extractor;
}

static const unsigned char *axml_text_result(axml_text_extractor *extractor, size_t *out_length) {
    *out_length = extractor->output.length;
    if (extractor->output.bytes == NULL) {
        static const unsigned char empty[1] = {0};
        return empty;
    }
    return extractor->output.bytes;
}

const unsigned char *axml_text_collapse(axml_text_extractor *extractor, const unsigned char *text, size_t length,
                                        size_t *out_length) {
    extractor->output.length = 0;
    extractor->pending_space = 0;
    axml_text_append(extractor, text, length);
    return axml_text_result(extractor, out_length);
}

// MARK: Fast path for simple fragments
//
// Most feed HTML is a flat run of ordinary tags (<p>, <a href="...">, <br/>) and entities. For exactly that
// grammar the result of libxml2's HTML parser with the callbacks above is known: tags vanish, block elements
// separate words, entities decode (through libxml2's own HTML entity table), whitespace collapses. This path
// produces that result without building a parser context. Anything outside the grammar (comments, CDATA,
// doctype, script/style and other raw-text elements, a `<` that does not start a tag, an unknown or
// unterminated entity, a NUL byte) returns 0 and the fragment goes to libxml2. The tests run the whole real
// corpus through both paths and require identical output.

static int axml_entity_lookup(axml_text_extractor *extractor, const unsigned char *name, size_t length) {
    if (length == 0 || length > AXML_ENTITY_NAME_MAX) return -1;
    unsigned hash = 2166136261u;
    for (size_t i = 0; i < length; i++) hash = (hash ^ name[i]) * 16777619u;
    axml_entity_slot *slot = &extractor->entities[hash % AXML_ENTITY_CACHE_SLOTS];
    if (slot->name[0] != 0 && strlen(slot->name) == length && memcmp(slot->name, name, length) == 0) {
        return slot->codepoint;
    }
    int codepoint = axml_html_entity_codepoint((const char *)name, length);
    memcpy(slot->name, name, length);
    slot->name[length] = 0;
    slot->codepoint = codepoint;
    return codepoint;
}

static int axml_is_xml_char(long value) {
    return value == 0x9 || value == 0xA || value == 0xD || (value >= 0x20 && value <= 0xD7FF) ||
           (value >= 0xE000 && value <= 0xFFFD) || (value >= 0x10000 && value <= 0x10FFFF);
}

static size_t axml_encode_utf8(long value, unsigned char *out) {
    if (value < 0x80) {
        out[0] = (unsigned char)value;
        return 1;
    }
    if (value < 0x800) {
        out[0] = (unsigned char)(0xC0 | (value >> 6));
        out[1] = (unsigned char)(0x80 | (value & 0x3F));
        return 2;
    }
    if (value < 0x10000) {
        out[0] = (unsigned char)(0xE0 | (value >> 12));
        out[1] = (unsigned char)(0x80 | ((value >> 6) & 0x3F));
        out[2] = (unsigned char)(0x80 | (value & 0x3F));
        return 3;
    }
    out[0] = (unsigned char)(0xF0 | (value >> 18));
    out[1] = (unsigned char)(0x80 | ((value >> 12) & 0x3F));
    out[2] = (unsigned char)(0x80 | ((value >> 6) & 0x3F));
    out[3] = (unsigned char)(0x80 | (value & 0x3F));
    return 4;
}

/// Whether `name` is one of the NULL-terminated `names`.
static int axml_name_in(const char *name, const char *const *names) {
    for (; *names != NULL; names++) {
        if (axml_names_equal(name, *names)) return 1;
    }
    return 0;
}

/// Elements whose content libxml2 does not parse as ordinary markup, or that this path would treat differently.
/// (A switch on the first letter: this runs for every tag of every fragment.)
static int axml_needs_full_parser(const char *name) {
    static const char *const b[] = {"body", NULL};
    static const char *const f[] = {"frameset", NULL};
    static const char *const h[] = {"head", "html", NULL};
    static const char *const i[] = {"iframe", NULL};
    static const char *const m[] = {"math", NULL};
    static const char *const n[] = {"noscript", "noembed", "noframes", NULL};
    static const char *const p[] = {"plaintext", NULL};
    static const char *const s[] = {"script", "style", "svg", NULL};
    static const char *const t[] = {"template", "textarea", "title", NULL};
    static const char *const x[] = {"xmp", NULL};
    switch (name[0]) {
    case 'b': return axml_name_in(name, b);
    case 'f': return axml_name_in(name, f);
    case 'h': return axml_name_in(name, h);
    case 'i': return axml_name_in(name, i);
    case 'm': return axml_name_in(name, m);
    case 'n': return axml_name_in(name, n);
    case 'p': return axml_name_in(name, p);
    case 's': return axml_name_in(name, s);
    case 't': return axml_name_in(name, t);
    case 'x': return axml_name_in(name, x);
    default: return 0;
    }
}

static int axml_is_ascii_letter(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int axml_is_ascii_alphanumeric(unsigned char c) {
    return axml_is_ascii_letter(c) || (c >= '0' && c <= '9');
}

/// Elements libxml2's HTML parser treats as empty (never pushed on its stack of open elements).
static int axml_is_void_element(const char *name) {
    static const char *const a[] = {"area", NULL};
    static const char *const b[] = {"br", "base", "basefont", NULL};
    static const char *const c[] = {"col", NULL};
    static const char *const e[] = {"embed", NULL};
    static const char *const f[] = {"frame", NULL};
    static const char *const h[] = {"hr", NULL};
    static const char *const i[] = {"img", "input", "isindex", NULL};
    static const char *const l[] = {"link", NULL};
    static const char *const m[] = {"meta", NULL};
    static const char *const p[] = {"param", NULL};
    switch (name[0]) {
    case 'a': return axml_name_in(name, a);
    case 'b': return axml_name_in(name, b);
    case 'c': return axml_name_in(name, c);
    case 'e': return axml_name_in(name, e);
    case 'f': return axml_name_in(name, f);
    case 'h': return axml_name_in(name, h);
    case 'i': return axml_name_in(name, i);
    case 'l': return axml_name_in(name, l);
    case 'm': return axml_name_in(name, m);
    case 'p': return axml_name_in(name, p);
    default: return 0;
    }
}

enum { AXML_FAST_STACK_DEPTH = 64, AXML_FAST_NAME_LENGTH = 16 };

/// The first `<`, `&` or NUL byte in [from, end), or `end`.
static const unsigned char *axml_find_markup_or_nul(const unsigned char *from, const unsigned char *end) {
    while (end - from >= 8) {
        uint64_t word = axml_load_word(from);
        uint64_t mask = axml_bytes_equal(word, '<') | axml_bytes_equal(word, '&') | axml_bytes_below(word, 1);
        if (mask != 0) return from + axml_first_flagged(mask);
        from += 8;
    }
    while (from < end && *from != '<' && *from != '&' && *from != 0) from++;
    return from;
}

/// Returns 1 and leaves the text in `extractor->output` when the fragment fits the simple grammar, else 0.
///
/// One behaviour of libxml2 needs care: text that appears while no element is open makes it open an implied
/// `<p>`, which our callbacks treat as a word break. The path keeps a stack of open elements (an end tag closes
/// up to its start tag, as libxml2 does) and hands the fragment to libxml2 whenever that implied break could
/// change the result: text at the top level after some output, with no break pending.
static int axml_text_fast(axml_text_extractor *extractor, const unsigned char *s, size_t n) {
    char stack[AXML_FAST_STACK_DEPTH][AXML_FAST_NAME_LENGTH];
    int depth = 0;
    extractor->output.length = 0;
    extractor->pending_space = 0;
    size_t i = 0;
    size_t run = 0;   // start of the pending run of plain text
    while (i <= n) {
        if (i < n) {
            i = (size_t)(axml_find_markup_or_nul(s + i, s + n) - s);
            if (i < n && s[i] == 0) return 0;
        }
        unsigned char c = i < n ? s[i] : 0;
        // Flush the run of text before this markup (or the end).
        if (i > run) {
            int has_text = 0;
            for (size_t k = run; k < i && !has_text; k++) {
                unsigned char t = s[k];
                has_text = !(t == ' ' || t == '\t' || t == '\n' || t == '\r' || t == '\f' || t == '\v');
            }
            if (has_text && depth == 0 && extractor->output.length > 0 && !extractor->pending_space) return 0;
            axml_text_append(extractor, s + run, i - run);
        }
        if (i == n) break;
        if (c == '<') {
            size_t j = i + 1;
            if (j >= n) return 0;
            if (!axml_is_ascii_letter(s[j]) && s[j] != '/' && s[j] != '!' && s[j] != '?') {
                // libxml2 reads a `<` that cannot start a tag as text.
                i = j;
                run = i - 1;
                continue;
            }
            int closing = s[j] == '/';
            if (closing) j++;
            if (j >= n || !axml_is_ascii_letter(s[j])) return 0;
            char name[AXML_FAST_NAME_LENGTH];
            size_t name_length = 0;
            while (j < n && axml_is_ascii_alphanumeric(s[j])) {
                if (name_length >= sizeof name - 1) return 0;
                unsigned char letter = s[j];
                name[name_length++] = (char)(letter >= 'A' && letter <= 'Z' ? letter + 32 : letter);
                j++;
            }
            name[name_length] = 0;
            if (j < n && !(s[j] == '>' || s[j] == '/' || axml_is_space(s[j]))) return 0;
            int self_closing = 0;
            while (j < n && s[j] != '>') {
                unsigned char d = s[j];
                if (d == '"' || d == '\'') {
                    const unsigned char *close = memchr(s + j + 1, d, n - j - 1);
                    if (close == NULL) return 0;
                    for (const unsigned char *p = s + j + 1; p < close; p++) {
                        if (*p == '<' || *p == 0) return 0;
                    }
                    j = (size_t)(close - s) + 1;
                    continue;
                }
                if (d == '<' || d == 0 || d == '&') return 0;
                self_closing = d == '/';
                j++;
            }
            if (j >= n) return 0;
            if (axml_needs_full_parser(name)) return 0;
            if (axml_is_block_element(name)) extractor->pending_space = 1;
            if (closing) {
                int match = depth - 1;
                while (match >= 0 && !axml_names_equal(stack[match], name)) match--;
                if (match >= 0) depth = match;
            } else if (!self_closing && !axml_is_void_element(name)) {
                if (depth >= AXML_FAST_STACK_DEPTH) return 0;
                memcpy(stack[depth++], name, name_length + 1);
            }
            i = j + 1;
            run = i;
            continue;
        }
        // `&`: a numeric reference, a known named entity, or (as libxml2 reads it) a literal `&`.
        size_t j = i + 1;
        long value = -1;
        if (j < n && s[j] == '#') {
            j++;
            int hex = j < n && (s[j] == 'x' || s[j] == 'X');
            if (hex) j++;
            size_t digits = 0;
            long number = 0;
            while (j < n && digits < 8) {
                unsigned char d = s[j];
                int digit = -1;
                if (d >= '0' && d <= '9') digit = d - '0';
                else if (hex && d >= 'a' && d <= 'f') digit = d - 'a' + 10;
                else if (hex && d >= 'A' && d <= 'F') digit = d - 'A' + 10;
                if (digit < 0) break;
                number = number * (hex ? 16 : 10) + digit;
                digits++;
                j++;
            }
            if (digits == 0 || j >= n || s[j] != ';' || !axml_is_xml_char(number)) return 0;
            value = number;
        } else {
            size_t start = j;
            while (j < n && j - start <= AXML_ENTITY_NAME_MAX && axml_is_ascii_alphanumeric(s[j])) j++;
            if (j < n && s[j] == ';' && j > start && axml_is_ascii_letter(s[start])) {
                value = axml_entity_lookup(extractor, s + start, j - start);
            }
            if (value < 0) {
                // Not an entity: libxml2 keeps the `&` and what follows as text.
                run = i;
                i = i + 1;
                continue;
            }
        }
        if (depth == 0 && extractor->output.length > 0 && !extractor->pending_space) return 0;
        unsigned char encoded[4];
        axml_text_append(extractor, encoded, axml_encode_utf8(value, encoded));
        i = j + 1;
        run = i;
    }
    return 1;
}

const unsigned char *axml_text_extract(axml_text_extractor *extractor, const unsigned char *html, size_t length,
                                       size_t *out_length) {
    if (memchr(html, '<', length) == NULL && memchr(html, '&', length) == NULL) {
        return axml_text_collapse(extractor, html, length, out_length);
    }
    if (!extractor->always_use_libxml && axml_text_fast(extractor, html, length)) {
        return axml_text_result(extractor, out_length);
    }
    extractor->output.length = 0;
    extractor->pending_space = 0;
    extractor->skip_depth = 0;
    if (length > (size_t)(1 << 30)) length = (size_t)(1 << 30);

    axml_text_extractor *previous = axml_current_extractor;
    axml_current_extractor = extractor;
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                  HTML_PARSE_NOIMPLIED | HTML_PARSE_NODEFDTD;
    htmlDocPtr document = htmlCtxtReadMemory(extractor->context, (const char *)html, (int)length, NULL, "UTF-8",
                                             options);
    if (document != NULL) xmlFreeDoc(document);
    axml_current_extractor = previous;
    return axml_text_result(extractor, out_length);
}

void axml_text_extractor_free(axml_text_extractor *extractor) {
    if (extractor == NULL) return;
    if (extractor->context != NULL) htmlFreeParserCtxt(extractor->context);
    free(extractor->output.bytes);
    free(extractor);
}
