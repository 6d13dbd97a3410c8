#define _GNU_SOURCE
#include "mapping_guard.h"

#include <errno.h>
#include <fcntl.h>
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

/* Installs `handler` for `signal` the first time `once` is seen unset. */
static void install(atomic_int *once, int signal, void (*handler)(int, siginfo_t *, void *), int flags) {
    int expected = 0;
    if (!atomic_compare_exchange_strong(once, &expected, 1)) return;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = handler;
    action.sa_flags = SA_SIGINFO | flags;
    sigemptyset(&action.sa_mask);
    sigaction(signal, &action, NULL);
}

int termgraph_guard_mapping(const void *base, size_t length) {
    install(&installed, SIGBUS, on_sigbus, SA_NODEFER);
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

static atomic_long broken;
static atomic_int lease_handler_installed;

/* The signal a lease break is delivered by: a real-time one, so that it carries the file
   descriptor (SIGIO, the default, would not, and would end the process unhandled). */
static int lease_signal(void) { return SIGRTMIN + 3; }

static void on_lease_break(int signal, siginfo_t *info, void *context) {
    (void)signal;
    (void)context;
    int saved = errno;
    /* Counted before the lease is let go: the writer's open waits until then, so no byte of the
       file changes before the count says it may have. */
    atomic_fetch_add(&broken, 1);
    fcntl(info->si_fd, F_SETLEASE, F_UNLCK);
    errno = saved;
}

int termgraph_watch_for_writers(int fd) {
    install(&lease_handler_installed, lease_signal(), on_lease_break, SA_RESTART);
    if (fcntl(fd, F_SETSIG, lease_signal()) != 0) return -1;
    if (fcntl(fd, F_SETLEASE, F_RDLCK) != 0) return -1;
    return 0;
}

long termgraph_writers_seen(void) { return atomic_load(&broken); }
