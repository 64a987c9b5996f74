// The parts of libxml2 Knooppunt uses: parsing with network and external entities off, XML Schema
// validation, and canonical XML (C14N) for checking XML signatures.
//
// Debian's libxml2 is built with ICU, so its headers include <unicode/ucnv.h>. Those system ICU
// declarations clash with the ICU inside Swift's Foundation. libxml2's headers only need the ICU
// converter type by pointer, so stand-ins with private names are declared instead.
#ifndef KNOOPPUNT_CLIBXML2_SHIM_H
#define KNOOPPUNT_CLIBXML2_SHIM_H

#define UCNV_H 1
typedef struct knooppunt_uconverter knooppunt_uconverter;
typedef unsigned short knooppunt_uchar;
#define UConverter knooppunt_uconverter
#define UChar knooppunt_uchar

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/c14n.h>
#include <libxml/xmlsave.h>

#undef UConverter
#undef UChar
#undef UCNV_H

/// xmlFree is a global function pointer in libxml2; Swift 6 cannot call it safely from Swift.
static inline void knooppunt_xml_free(void *pointer) { xmlFree(pointer); }

#endif
