import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HallAdminService, QueueService } from '@hallq/queue';
import { WaitService } from '../waits/wait.service';
import { CreateCategoryDto, UpdateCategoryDto } from './dto/category.dto';
import { CreateHallDto, UpdateHallDto } from './dto/hall.dto';
import { CategoryResponseDto, HallResponseDto, HallStateResponseDto, WindowResponseDto } from './dto/hall-responses.dto';
import { CreateWindowDto, UpdateWindowDto } from './dto/window.dto';
import { Access, Public } from '../auth/access.decorator';
import { hallStateWithoutTokens } from '../tickets/staff-ticket';

// Reading a hall (name, categories, windows) is public: kiosks and phone pages show it. Changing one
// is for its managers; creating halls is for admins.
@ApiTags('halls')
@Controller('halls')
export class HallsController {
  constructor(
    private readonly admin: HallAdminService,
    private readonly queue: QueueService,
    private readonly waits: WaitService,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'All halls with their categories and windows' })
  @ApiOkResponse({ type: [HallResponseDto] })
  list() {
    return this.admin.listHalls();
  }

  @Access('admin')
  @Post()
  @ApiOperation({ summary: 'Create a hall' })
  @ApiCreatedResponse({ type: HallResponseDto })
  create(@Body() dto: CreateHallDto) {
    return this.admin.createHall(dto);
  }

  @Public()
  @Get(':hallId')
  @ApiOkResponse({ type: HallResponseDto })
  get(@Param('hallId') hallId: string) {
    return this.admin.getHall(hallId);
  }

  @Access('hall-manager')
  @Patch(':hallId')
  @ApiOkResponse({ type: HallResponseDto })
  update(@Param('hallId') hallId: string, @Body() dto: UpdateHallDto) {
    return this.admin.updateHall(hallId, dto);
  }

  @Access('hall-viewer')
  @Get(':hallId/state')
  @ApiOperation({
    summary: "The hall now: line and wait per category, each window's state and ticket, recent calls",
    description: 'No ticket here carries its tracking token: that goes only to whoever took the ticket.',
  })
  @ApiOkResponse({ type: HallStateResponseDto })
  async state(@Param('hallId') hallId: string) {
    const s = hallStateWithoutTokens(await this.queue.hallState(hallId));
    return { ...s, lines: s.lines.map((l) => ({ ...l, waitNow: this.waits.forLine(l) })) };
  }

  @Public()
  @Get(':hallId/categories')
  @ApiOkResponse({ type: [CategoryResponseDto] })
  categories(@Param('hallId') hallId: string) {
    return this.admin.listCategories(hallId);
  }

  @Access('hall-manager')
  @Post(':hallId/categories')
  @ApiCreatedResponse({ type: CategoryResponseDto })
  createCategory(@Param('hallId') hallId: string, @Body() dto: CreateCategoryDto) {
    return this.admin.createCategory(hallId, dto);
  }

  @Access('hall-manager')
  @Patch(':hallId/categories/:category')
  @ApiOperation({ summary: 'Change a category (by id or code); active=false pauses its ticket issuing' })
  @ApiOkResponse({ type: CategoryResponseDto })
  updateCategory(@Param('hallId') hallId: string, @Param('category') category: string, @Body() dto: UpdateCategoryDto) {
    return this.admin.updateCategory(hallId, category, dto);
  }

  @Access('hall-viewer')
  @Get(':hallId/windows')
  @ApiOkResponse({ type: [WindowResponseDto] })
  windows(@Param('hallId') hallId: string) {
    return this.admin.listWindows(hallId);
  }

  @Access('hall-manager')
  @Post(':hallId/windows')
  @ApiCreatedResponse({ type: WindowResponseDto })
  createWindow(@Param('hallId') hallId: string, @Body() dto: CreateWindowDto) {
    return this.admin.createWindow(hallId, dto);
  }

  @Access('hall-manager')
  @Patch(':hallId/windows/:windowId')
  @ApiOperation({ summary: "Change a window's label or work profile" })
  @ApiOkResponse({ type: WindowResponseDto })
  updateWindow(@Param('hallId') hallId: string, @Param('windowId') windowId: string, @Body() dto: UpdateWindowDto) {
    return this.admin.updateWindow(hallId, windowId, dto);
  }
}
