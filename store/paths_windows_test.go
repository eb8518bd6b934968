package store_test

import (
	"testing"

	"kartoteka/store"
)

// On Windows the salon lives in %AppData%\kartoteka, whatever letters and
// spaces the user's name brings.
func TestDataDirWindows(t *testing.T) {
	for _, appData := range []string{
		`C:\Users\Anna\AppData\Roaming`,
		`C:\Users\Łucja Wąż\AppData\Roaming`,
		`D:\Profile\Søren Ærø\AppData\Roaming`,
	} {
		t.Setenv("AppData", appData)
		for _, c := range []struct {
			name string
			f    func() (string, error)
			want string
		}{
			{"DataDir", store.DataDir, appData + `\kartoteka`},
			{"DefaultPath", store.DefaultPath, appData + `\kartoteka\salon.kartoteka`},
			{"DemoPath", store.DemoPath, appData + `\kartoteka\demo.kartoteka`},
		} {
			if got, err := c.f(); err != nil || got != c.want {
				t.Errorf("%s with AppData %s: %q, %v; want %q", c.name, appData, got, err, c.want)
			}
		}
	}
	t.Setenv("AppData", "")
	if d, err := store.DataDir(); err == nil {
		t.Errorf("without %%AppData%%: %q, want an error", d)
	}
}
