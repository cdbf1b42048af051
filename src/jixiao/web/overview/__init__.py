"""The bureau's overview (财政局总览): counts and the 待审核 queue, the filtered portfolio and its export, a table beside last year's, and the combined 信号灯."""
