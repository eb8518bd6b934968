// Package assets holds the files Kartoteka embeds in its binary: the app icon,
// the translations of the desktop app and its exports, the fonts of the
// exported PDFs and the JSON Schema of the exported personal data.
//
// # Translations
//
// [Translations] holds one JSON file per language under translations/:
// en.json, pl.json, de.json and da.json. Each maps an English source string,
// as the code passes it to lang.L or lang.N, to its translation; a string with
// plural forms maps to an object of CLDR plural categories ("one", "few",
// "many", "other"). English is the reference: every other file has exactly its
// keys, which a test in package ui checks, together with every string the code
// looks up.
package assets

import "embed"

// Translations holds translations/<language>.json for every language the app
// speaks.
//
//go:embed translations/*.json
var Translations embed.FS

// Fonts are the Go fonts (fonts/Go-Regular.ttf, Go-Bold.ttf, Go-Mono.ttf,
// with their licence in fonts/LICENSE): TrueType with every letter of
// Polish, German and Danish, embedded in every PDF Kartoteka writes.
//
//go:embed fonts/*.ttf fonts/LICENSE
var Fonts embed.FS

// PersonalDataSchema is the JSON Schema (draft 2020-12) of the personal-data
// export, format "kartoteka.personal-data", version 1.
//
//go:embed schema/personal-data.v1.json
var PersonalDataSchema []byte

// IconPNG is the app icon, 512×512 pixels.
//
//go:embed icon.png
var IconPNG []byte
