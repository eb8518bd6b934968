/*
 * processprng.c: a test-only bcryptprimitives.dll for Wine 8.0, which lacks
 * that DLL. Go's runtime (1.22 and later) takes its random numbers from
 * ProcessPrng in bcryptprimitives.dll, which every Windows 10 and 11 has;
 * without it a Go program stops at start with "fatal error:
 * bcryptprimitives.dll not found". This shim answers ProcessPrng with
 * RtlGenRandom (SystemFunction036 in advapi32), which Wine has.
 *
 * scripts/wine/prefix.sh builds it with mingw into a throwaway Wine prefix's
 * system32 for the Windows smoke test. It is never shipped.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
	while (length > 0) {
		ULONG n = length > 0x40000000 ? 0x40000000 : (ULONG)length;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		length -= n;
	}
	return TRUE;
}
