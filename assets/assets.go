// Package assets holds the files Kartoteka embeds in its binary: the app icon
// and the translations of the desktop app.
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

// IconPNG is the app icon, 512×512 pixels.
//
//go:embed icon.png
var IconPNG []byte
