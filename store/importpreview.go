package store

// ImportPreview reads the first n records of a client file as
// [DB.ImportClients] would read it with encoding (auto: detected, see
// [DetectEncoding], for a salon in country): the encoding used, the header
// and the records, for the owner to see before the import. It writes and
// audits nothing; the values are the file's own, so they are shown, never
// logged.
func ImportPreview(data []byte, encoding, country string, n int) (enc string, header []string, records [][]string, err error) {
	text, enc, err := decodeImport(data, encoding, country)
	if err != nil {
		return enc, nil, nil, err
	}
	_, header, records, _, err = parseTable(text)
	if err != nil {
		return enc, nil, nil, err
	}
	if len(records) > n {
		records = records[:n]
	}
	return enc, header, records, nil
}
