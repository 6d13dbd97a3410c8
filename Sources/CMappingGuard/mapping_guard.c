#include "mapping_guard.h"

#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define SLOTS 64

static _Atomic(uintptr_t) bases[SLOTS];
static _Atomic(size_t) lengths[SLOTS];
static atomic_long missing;
static atomic_int installed;

static void on_sigbus(int signal, siginfo_t *info, void *context) {
    (void)context;
    uintptr_t address = (uintptr_t)info->si_addr;
    for (int i = 0; i < SLOTS; i++) {
        uintptr_t base = atomic_load(&bases[i]);
        size_t length = atomic_load(&lengths[i]);
        if (base != 0 && address >= base && address < base + length) {
            uintptr_t page = address & ~((uintptr_t)sysconf(_SC_PAGESIZE) - 1);
            if (mmap((void *)page, (size_t)sysconf(_SC_PAGESIZE), PROT_READ,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != MAP_FAILED) {
                atomic_fetch_add(&missing, 1);
                return;
            }
        }
    }
    /* Not ours: the default action, as if no handler had been installed. */
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigaction(signal, &fallback, NULL);
    raise(signal);
}

static void install(void) {
    int expected = 0;
    if (!atomic_compare_exchange_strong(&installed, &expected, 1)) return;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_sigbus;
    action.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&action.sa_mask);
    sigaction(SIGBUS, &action, NULL);
}

int termgraph_guard_mapping(const void *base, size_t length) {
    install();
    for (int i = 0; i < SLOTS; i++) {
        uintptr_t empty = 0;
        if (atomic_compare_exchange_strong(&bases[i], &empty, (uintptr_t)base)) {
            atomic_store(&lengths[i], length);
            return 0;
        }
    }
    return -1;
}

void termgraph_unguard_mapping(const void *base) {
    for (int i = 0; i < SLOTS; i++) {
        if (atomic_load(&bases[i]) == (uintptr_t)base) {
            atomic_store(&lengths[i], 0);
            atomic_store(&bases[i], 0);
            return;
        }
    }
}

long termgraph_missing_pages(void) { return atomic_load(&missing); }
