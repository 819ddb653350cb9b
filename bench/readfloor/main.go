// Command readfloor measures the same floor as ReadFloorBench (runner test code) without the JVM: one thread that
// only reads, N loopback streams each holding one chunk in the kernel's buffers, timed until every byte is in. Two
// readers, chosen by -mode:
//
//	epoll  epoll_wait, then one read system call per ready socket (what Java NIO and Netty's epoll transport do);
//	uring  io_uring: one receive request per socket, submitted and reaped in batches (a few system calls a step).
//
// It exists to say whether the cost of a synchronized decode step's burst is Java's or the kernel's on this machine.
// Raw system calls throughout, so Go's own network poller is not in the way. Test tooling, not product code.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"sort"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"
)

const (
	sysIoUringSetup = 425
	sysIoUringEnter = 426
	opRecv          = 27 // IORING_OP_RECV
	enterGetEvents  = 1  // IORING_ENTER_GETEVENTS
	offSqRing       = 0
	offCqRing       = 0x8000000
	offSqes         = 0x10000000
	ringEntries     = 4096
	bufSize         = 512
)

// chunk is one token's chunk as the simulator frames it: an SSE event in one HTTP/1.1 chunk (ReadFloorBench's).
var chunk = func() []byte {
	event := "data: {\"id\":\"chatcmpl-0123456789abcdef\",\"object\":\"chat.completion.chunk\"," +
		"\"created\":1764806400,\"model\":\"llmload-sim\",\"choices\":[{\"index\":0,\"delta\":" +
		"{\"content\":\" token\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n"
	return []byte(fmt.Sprintf("%x\r\n%s\r\n", len(event), event))
}()

func main() {
	streams := flag.Int("streams", 5000, "loopback streams, one chunk each per step")
	steps := flag.Int("steps", 100, "steps (the first fifth, at most 20, are left out)")
	mode := flag.String("mode", "epoll", "epoll or uring")
	flag.Parse()
	runtime.LockOSThread()
	readers, writers := connect(*streams)
	var read func() int
	switch *mode {
	case "epoll":
		read = epollReader(readers)
	case "uring":
		read = uringReader(readers)
	default:
		fail("-mode must be epoll or uring, not %q", *mode)
	}
	warmup := min(20, *steps/5)
	expected := *streams * len(chunk)
	bursts := make([]time.Duration, 0, *steps-warmup)
	calls := 0
	for step := 0; step < *steps; step++ {
		for _, fd := range writers {
			if n, err := syscall.Write(fd, chunk); err != nil || n != len(chunk) {
				fail("write: %d bytes, %v", n, err)
			}
		}
		time.Sleep(20 * time.Millisecond) // every byte delivered on loopback before the reader starts
		start := time.Now()
		for got := 0; got < expected; {
			n := read()
			got += n
			calls++
		}
		if step >= warmup {
			bursts = append(bursts, time.Since(start))
		}
	}
	sort.Slice(bursts, func(i, j int) bool { return bursts[i] < bursts[j] })
	median := bursts[len(bursts)/2]
	fmt.Printf("read floor (%s, Go, raw system calls): %d streams, %d steps measured (%d warmup), %d-byte chunks,"+
		" %.1f waits a step | burst p50 %.2f ms, min %.2f ms, max %.2f ms | %.2f µs a chunk at the median\n",
		*mode, *streams, len(bursts), warmup, len(chunk), float64(calls)/float64(*steps),
		ms(median), ms(bursts[0]), ms(bursts[len(bursts)-1]), float64(median.Nanoseconds())/1e3/float64(*streams))
}

// connect opens n loopback connections; readers are non-blocking, writers have Nagle off.
func connect(n int) (readers, writers []int) {
	listener := must(syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0))
	loopback := &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}
	check(syscall.Bind(listener, loopback))
	check(syscall.Listen(listener, n))
	bound, err := syscall.Getsockname(listener)
	check(err)
	for i := 0; i < n; i++ {
		fd := must(syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0))
		check(syscall.Connect(fd, bound))
		peer, _, err := syscall.Accept(listener)
		check(err)
		check(syscall.SetsockoptInt(peer, syscall.IPPROTO_TCP, syscall.TCP_NODELAY, 1))
		check(syscall.SetNonblock(fd, true))
		readers, writers = append(readers, fd), append(writers, peer)
	}
	return readers, writers
}

// epollReader waits for ready sockets and reads each once (a 214-byte chunk fits one read).
func epollReader(fds []int) func() int {
	epfd := must(syscall.EpollCreate1(0))
	for _, fd := range fds {
		check(syscall.EpollCtl(epfd, syscall.EPOLL_CTL_ADD, fd, &syscall.EpollEvent{Events: syscall.EPOLLIN, Fd: int32(fd)}))
	}
	events := make([]syscall.EpollEvent, 1024)
	buf := make([]byte, 64*1024)
	return func() int {
		n, err := syscall.EpollWait(epfd, events, -1)
		if err == syscall.EINTR {
			return 0
		}
		check(err)
		got := 0
		for _, event := range events[:n] {
			r, _, errno := syscall.RawSyscall(syscall.SYS_READ, uintptr(event.Fd), uintptr(unsafe.Pointer(&buf[0])), uintptr(len(buf)))
			if errno == 0 {
				got += int(r)
			}
		}
		return got
	}
}

// ring is an io_uring instance's shared memory, as io_uring_setup(2) describes it.
type ring struct {
	fd                     int
	sqHead, sqTail, sqMask *uint32
	sqArray                unsafe.Pointer
	sqes                   []byte
	cqHead, cqTail, cqMask *uint32
	cqes                   unsafe.Pointer
	pending                int // receive requests queued, not yet submitted
}

// uringReader queues one receive per socket each step (all are ready, so each completes at submission) and reaps
// the completions; one call returns the bytes of one batch of up to ringEntries sockets.
func uringReader(fds []int) func() int {
	r := newRing()
	bufs := make([]byte, len(fds)*bufSize)
	next := 0
	return func() int {
		batch := min(ringEntries, len(fds)-next)
		for i := 0; i < batch; i++ {
			r.queueRecv(fds[next+i], unsafe.Pointer(&bufs[(next+i)*bufSize]), uint64(next+i))
		}
		next = (next + batch) % len(fds)
		r.enter(batch)
		got := 0
		for reaped := 0; reaped < batch; {
			head := atomic.LoadUint32(r.cqHead)
			tail := atomic.LoadUint32(r.cqTail)
			if head == tail {
				r.enter(batch - reaped)
				continue
			}
			for ; head != tail; head++ {
				cqe := unsafe.Add(r.cqes, uintptr(head&*r.cqMask)*16)
				if res := *(*int32)(unsafe.Add(cqe, 8)); res > 0 {
					got += int(res)
				} else {
					fail("recv completed with %d", res)
				}
				reaped++
			}
			atomic.StoreUint32(r.cqHead, head)
		}
		runtime.KeepAlive(bufs)
		return got
	}
}

func newRing() *ring {
	var params [120]byte // struct io_uring_params
	*(*uint32)(unsafe.Pointer(&params[4])) = 2 * ringEntries
	*(*uint32)(unsafe.Pointer(&params[8])) = 1 << 3 // IORING_SETUP_CQSIZE
	fd, _, errno := syscall.Syscall(sysIoUringSetup, ringEntries, uintptr(unsafe.Pointer(&params[0])), 0)
	if errno != 0 {
		fail("io_uring_setup: %v", errno)
	}
	u32 := func(at int) uint32 { return *(*uint32)(unsafe.Pointer(&params[at])) }
	sqEntries, cqEntries := u32(0), u32(4)
	sqOff, cqOff := 40, 80 // struct io_sqring_offsets, io_cqring_offsets
	sqRing := mmap(int(fd), offSqRing, int(u32(sqOff+24))+int(sqEntries)*4)
	cqRing := mmap(int(fd), offCqRing, int(u32(cqOff+20))+int(cqEntries)*16)
	at := func(mem []byte, off uint32) unsafe.Pointer { return unsafe.Pointer(&mem[off]) }
	return &ring{
		fd:      int(fd),
		sqHead:  (*uint32)(at(sqRing, u32(sqOff))),
		sqTail:  (*uint32)(at(sqRing, u32(sqOff+4))),
		sqMask:  (*uint32)(at(sqRing, u32(sqOff+8))),
		sqArray: at(sqRing, u32(sqOff+24)),
		sqes:    mmap(int(fd), offSqes, int(sqEntries)*64),
		cqHead:  (*uint32)(at(cqRing, u32(cqOff))),
		cqTail:  (*uint32)(at(cqRing, u32(cqOff+4))),
		cqMask:  (*uint32)(at(cqRing, u32(cqOff+8))),
		cqes:    at(cqRing, u32(cqOff+20)),
	}
}

func (r *ring) queueRecv(fd int, buf unsafe.Pointer, userData uint64) {
	tail := atomic.LoadUint32(r.sqTail)
	index := tail & *r.sqMask
	sqe := r.sqes[index*64 : index*64+64]
	clear(sqe)
	sqe[0] = opRecv
	*(*int32)(unsafe.Pointer(&sqe[4])) = int32(fd)
	*(*uint64)(unsafe.Pointer(&sqe[16])) = uint64(uintptr(buf))
	*(*uint32)(unsafe.Pointer(&sqe[24])) = bufSize
	*(*uint64)(unsafe.Pointer(&sqe[32])) = userData
	*(*uint32)(unsafe.Add(r.sqArray, uintptr(index)*4)) = index
	atomic.StoreUint32(r.sqTail, tail+1)
	r.pending++
}

// enter submits what is queued and waits for at least minComplete completions.
func (r *ring) enter(minComplete int) {
	for {
		_, _, errno := syscall.Syscall6(sysIoUringEnter, uintptr(r.fd), uintptr(r.pending), uintptr(minComplete),
			enterGetEvents, 0, 0)
		if errno == syscall.EINTR {
			continue
		}
		if errno != 0 {
			fail("io_uring_enter: %v", errno)
		}
		r.pending = 0
		return
	}
}

func mmap(fd int, offset int64, length int) []byte {
	mem, err := syscall.Mmap(fd, offset, length, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_SHARED|syscall.MAP_POPULATE)
	check(err)
	return mem
}

func ms(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }

func must(fd int, err error) int {
	check(err)
	return fd
}

func check(err error) {
	if err != nil {
		fail("%v", err)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "readfloor: "+format+"\n", args...)
	os.Exit(2)
}
